/** The running header and footer on every page but the cover. */
import { m } from '$lib/paraglide/messages';
import type { ReportContext } from '../context';
import type { TextStyle } from '../layout';
import { COLOR, PAGE, SIZE } from '../theme';

export function headerAndFooter(ctx: ReportContext): void {
	const { layout, msg } = ctx;
	const { doc } = layout;
	const range = doc.bufferedPageRange();
	const total = range.count;
	const headStyle: TextStyle = { size: SIZE.tiny, color: COLOR.muted };
	for (let i = range.start + 1; i < range.start + total; i++) {
		doc.switchToPage(i);
		const dateWidth = layout.textWidth(ctx.dateText, headStyle);
		const hy = 40;
		layout.line(
			`${ctx.organisation.name} · ${ctx.round.name}`,
			layout.left,
			hy,
			layout.width - dateWidth - 24,
			headStyle
		);
		layout.line(ctx.dateText, layout.right - dateWidth, hy, dateWidth + 1, headStyle);
		doc
			.moveTo(layout.left, hy + 13)
			.lineTo(layout.right, hy + 13)
			.lineWidth(0.4)
			.strokeColor(COLOR.rule)
			.stroke();
		const fy = PAGE.height - 44;
		doc
			.moveTo(layout.left, fy - 8)
			.lineTo(layout.right, fy - 8)
			.lineWidth(0.4)
			.strokeColor(COLOR.rule)
			.stroke();
		const page = m.pdf_page({ page: i + 1, total }, msg);
		const pageWidth = layout.textWidth(page, headStyle);
		layout.line(m.pdf_title({}, msg), layout.left, fy, layout.width - pageWidth - 24, headStyle);
		layout.line(page, layout.right - pageWidth, fy, pageWidth + 1, headStyle);
	}
}
