/** Contents: the page is reserved first and filled once every section has its page. */
import { m } from '$lib/paraglide/messages';
import type { ReportContext } from '../context';
import type { TextStyle } from '../layout';
import { COLOR, CONTENT_BOTTOM, MARGIN, SIZE } from '../theme';

export function reserveContents(ctx: ReportContext): number {
	ctx.layout.newPage();
	return ctx.layout.pageIndex;
}

export function fillContents(ctx: ReportContext, page: number): void {
	const { layout, msg } = ctx;
	const { doc } = layout;
	doc.switchToPage(page);
	let y = MARGIN.top;
	const titleStyle: TextStyle = { size: SIZE.h1, bold: true, color: COLOR.ink };
	layout.line(m.pdf_contents({}, msg), layout.left, y, layout.width, titleStyle);
	y += SIZE.h1 * 1.2 + 8;
	doc.rect(layout.left, y, 36, 2.5).fill(layout.accent);
	y += 26;
	for (const s of layout.sections) {
		const style: TextStyle =
			s.level === 1
				? { size: 10.5, bold: true, color: COLOR.ink }
				: { size: SIZE.body, color: COLOR.ink };
		const indent = s.level === 1 ? 0 : 16;
		if (s.level === 1 && y > MARGIN.top + 60) y += 6;
		const number = String(s.page + 1);
		const numberWidth = layout.textWidth(number, style);
		const titleWidth = layout.width - indent - 40;
		const title = layout.truncateToWidth(s.title, style, titleWidth);
		const w = layout.textWidth(title, style);
		layout.style(style);
		doc.text(title, layout.left + indent, y, { lineBreak: false, goTo: s.id });
		// Dot leader from the title to the page number.
		const from = layout.left + indent + w + 6;
		const to = layout.right - numberWidth - 6;
		if (to > from) {
			doc.save();
			doc
				.moveTo(from, y + style.size * 0.85)
				.lineTo(to, y + style.size * 0.85)
				.lineWidth(0.6)
				.dash(0.6, { space: 2.4 })
				.strokeColor(COLOR.faint)
				.stroke();
			doc.undash();
			doc.restore();
		}
		layout.style(style);
		doc.text(number, layout.right - numberWidth, y, { lineBreak: false, goTo: s.id });
		y += style.size * 1.25 + (s.level === 1 ? 8 : 5);
		if (y > CONTENT_BOTTOM - 20) break;
	}
}
