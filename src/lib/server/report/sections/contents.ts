/** Contents: the page is reserved first and filled once every section has its page. */
import { m } from '$lib/paraglide/messages';
import type { ReportContext } from '../context';
import type { Layout, TextStyle } from '../layout';
import { COLOR, CONTENT_BOTTOM, MARGIN, SIZE } from '../theme';

export function reserveContents(ctx: ReportContext): number {
	ctx.layout.flush();
	ctx.layout.newPage();
	// The page is taken: the next section starts on a page of its own.
	ctx.layout.y = CONTENT_BOTTOM;
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
		// A long title wraps; the dot leader runs from the end of its last line.
		const lines = wrapLines(layout, s.title, style, titleWidth);
		const lineStep = style.size * 1.25;
		layout.style(style);
		lines.forEach((line, i) => {
			doc.text(line, layout.left + indent, y + i * lineStep, { lineBreak: false, goTo: s.id });
		});
		y += (lines.length - 1) * lineStep;
		const w = layout.textWidth(lines[lines.length - 1] ?? '', style);
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

/** `text` broken into lines of at most `width` at spaces (a word wider than a line stays whole). */
function wrapLines(layout: Layout, text: string, style: TextStyle, width: number): string[] {
	const lines: string[] = [];
	let line = '';
	for (const word of text.split(/\s+/).filter(Boolean)) {
		const next = line === '' ? word : `${line} ${word}`;
		if (line !== '' && layout.textWidth(next, style) > width) {
			lines.push(line);
			line = word;
		} else line = next;
	}
	lines.push(line);
	return lines;
}
