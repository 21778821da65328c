/**
 * Layout helpers over a pdfkit document: a vertical cursor, text that is measured before it is
 * placed, page breaks when a block does not fit, headings that stay with what follows, and tables
 * whose header repeats on every page.
 */
import type { StageId } from '$lib/domain/model';
import { FONT } from './fonts';
import {
	COLOR,
	CONTENT_BOTTOM,
	CONTENT_WIDTH,
	LINE_GAP,
	MARGIN,
	PAGE,
	SIZE,
	STAGE_COLOR,
	textOn
} from './theme';

export type Doc = PDFKit.PDFDocument;

export interface TextStyle {
	size: number;
	bold?: boolean;
	color?: string;
	lineGap?: number;
}

export const BODY: TextStyle = { size: SIZE.body, color: COLOR.ink, lineGap: LINE_GAP.body };
export const SMALL: TextStyle = { size: SIZE.small, color: COLOR.muted, lineGap: LINE_GAP.small };

/** A block of text inside a table cell; a cell stacks its blocks top to bottom. */
export interface Run extends TextStyle {
	text: string;
	/** Drawn as a small coloured pill instead of plain text. */
	pill?: { fill: string };
}

export interface Column {
	header: string;
	width: number;
	align?: 'left' | 'right' | 'center';
}

/** A section that starts on a new page and appears in the contents. */
export interface SectionMark {
	id: string;
	title: string;
	/** Zero-based page index. */
	page: number;
	level: 1 | 2;
}

const PILL_PAD_X = 4;
const PILL_PAD_Y = 1.6;
const RUN_GAP = 2.5;

export class Layout {
	/** The cursor: where the next block starts on the current page. */
	y: number = MARGIN.top;
	readonly left: number = MARGIN.left;
	readonly width: number = CONTENT_WIDTH;
	readonly right: number = MARGIN.left + CONTENT_WIDTH;
	readonly sections: SectionMark[] = [];

	constructor(
		readonly doc: Doc,
		/** The accent colour, used sparingly: cover band, heading rules, chart. */
		readonly accent: string,
		/** A shade of the accent readable as text on white. */
		readonly accentInk: string
	) {}

	get pageIndex(): number {
		const range = this.doc.bufferedPageRange();
		return range.start + range.count - 1;
	}

	get remaining(): number {
		return CONTENT_BOTTOM - this.y;
	}

	newPage(): void {
		this.doc.addPage();
		this.y = MARGIN.top;
	}

	/** Adds a page unless a block of `height` fits below the cursor; true when it added one. */
	ensure(height: number): boolean {
		if (this.y + height <= CONTENT_BOTTOM || this.y === MARGIN.top) return false;
		this.newPage();
		return true;
	}

	gap(points: number): void {
		this.y = Math.min(this.y + points, CONTENT_BOTTOM);
	}

	style(style: TextStyle): this {
		this.doc
			.font(style.bold ? FONT.bold : FONT.regular)
			.fontSize(style.size)
			.fillColor(style.color ?? COLOR.ink);
		return this;
	}

	/** Height of `text` wrapped to `width` in `style`. */
	measure(text: string, style: TextStyle, width: number): number {
		if (text === '') return 0;
		this.style(style);
		return this.doc.heightOfString(text, { width, lineGap: style.lineGap ?? 0 });
	}

	textWidth(text: string, style: TextStyle): number {
		this.style(style);
		return this.doc.widthOfString(text);
	}

	/**
	 * Draws wrapped text at (x, y) and returns its height. With `maxHeight` the text is cut with an
	 * ellipsis rather than run past it (never onto another page).
	 */
	draw(
		text: string,
		x: number,
		y: number,
		width: number,
		style: TextStyle,
		options: { align?: 'left' | 'right' | 'center'; maxHeight?: number } = {}
	): number {
		if (text === '') return 0;
		// One layout pass: pdfkit wraps, stops at the limit with an ellipsis, and leaves doc.y below.
		const limit = Math.max(
			Math.min(options.maxHeight ?? Infinity, CONTENT_BOTTOM - y),
			style.size * 1.2
		);
		this.style(style);
		this.doc.text(text, x, y, {
			width,
			lineGap: style.lineGap ?? 0,
			align: options.align ?? 'left',
			height: limit,
			ellipsis: '…'
		});
		return Math.min(this.doc.y - y, limit);
	}

	/** One line, never wrapped: shortened with an ellipsis when wider than `width`. */
	line(
		text: string,
		x: number,
		y: number,
		width: number,
		style: TextStyle,
		align: 'left' | 'right' | 'center' = 'left'
	): void {
		const fitted = this.truncateToWidth(text, style, width);
		const w = this.textWidth(fitted, style);
		const dx = align === 'right' ? width - w : align === 'center' ? (width - w) / 2 : 0;
		this.style(style);
		this.doc.text(fitted, x + dx, y, { lineBreak: false });
	}

	/** `text`, shortened with an ellipsis until it fits on one line of `width`. */
	truncateToWidth(text: string, style: TextStyle, width: number): string {
		if (this.textWidth(text, style) <= width) return text;
		let lo = 0;
		let hi = text.length;
		while (lo < hi) {
			const mid = Math.ceil((lo + hi) / 2);
			if (this.textWidth(`${text.slice(0, mid).trimEnd()}…`, style) <= width) lo = mid;
			else hi = mid - 1;
		}
		return `${text.slice(0, lo).trimEnd()}…`;
	}

	/**
	 * A paragraph across the full width at the cursor. Short paragraphs move to the next page
	 * whole; one longer than a page flows across pages.
	 */
	paragraph(
		text: string,
		style: TextStyle = BODY,
		after = 6,
		x = this.left,
		width = this.width
	): void {
		if (text === '') return;
		const height = this.measure(text, style, width);
		const pageHeight = CONTENT_BOTTOM - MARGIN.top;
		if (height <= pageHeight) {
			this.ensure(height);
			this.draw(text, x, this.y, width, style);
			this.y += height + after;
			return;
		}
		// Longer than a page: let pdfkit flow it, then pick the cursor up where it ended.
		this.style(style);
		this.doc.text(text, x, this.y, { width, lineGap: style.lineGap ?? 0 });
		this.y = this.doc.y + after;
	}

	/** A second-level heading, kept with at least `keep` points of what follows. */
	h2(text: string, keep = 40): void {
		const style: TextStyle = { size: SIZE.h2, bold: true, color: COLOR.ink, lineGap: 1 };
		const height = this.measure(text, style, this.width);
		if (this.y > MARGIN.top) this.gap(10);
		this.ensure(height + 6 + keep);
		this.draw(text, this.left, this.y, this.width, style);
		this.y += height + 6;
	}

	/** A third-level heading (small, bold), kept with what follows. */
	h3(text: string, keep = 30, color: string = COLOR.ink): void {
		const style: TextStyle = { size: SIZE.h3, bold: true, color, lineGap: 1 };
		const height = this.measure(text, style, this.width);
		this.ensure(height + 4 + keep);
		this.draw(text, this.left, this.y, this.width, style);
		this.y += height + 4;
	}

	/**
	 * Starts a section on a new page: a small kicker, the title and a short rule in the accent
	 * colour. Records the page for the contents and adds a bookmark.
	 */
	section(id: string, title: string, options: { kicker?: string; level?: 1 | 2 } = {}): void {
		this.newPage();
		const level = options.level ?? 1;
		this.sections.push({ id, title, page: this.pageIndex, level });
		this.doc.addNamedDestination(id, 'XYZ', 0, PAGE.height, null);
		if (options.kicker) {
			this.line(options.kicker, this.left, this.y, this.width, {
				size: SIZE.small,
				bold: true,
				color: this.accentInk
			});
			this.y += SIZE.small + 7;
		}
		const style: TextStyle = { size: SIZE.h1, bold: true, color: COLOR.ink, lineGap: 2 };
		const height = this.draw(title, this.left, this.y, this.width, style, { maxHeight: 160 });
		this.y += height + 8;
		this.doc.rect(this.left, this.y, 36, 2.5).fill(this.accent);
		this.y += 18;
	}

	/** A rounded stage badge ("Stage 2") in the stage's colour; returns its width. */
	stageBadge(
		stage: StageId,
		label: string,
		x: number,
		y: number,
		size: number = SIZE.small
	): number {
		const style: TextStyle = { size, bold: true, color: textOn(STAGE_COLOR[stage]) };
		const w = this.textWidth(label, style) + PILL_PAD_X * 2;
		const h = size * 1.25 + PILL_PAD_Y * 2;
		this.doc.roundedRect(x, y, w, h, h / 2).fill(STAGE_COLOR[stage]);
		this.style(style);
		this.doc.text(label, x + PILL_PAD_X, y + PILL_PAD_Y + size * 0.08, { lineBreak: false });
		return w;
	}

	/** Height of a stack of runs in a cell of `width`. */
	measureRuns(runs: readonly Run[], width: number): number {
		let h = 0;
		runs.forEach((run, i) => {
			if (i > 0) h += RUN_GAP;
			h += run.pill ? run.size * 1.25 + PILL_PAD_Y * 2 : this.measure(run.text, run, width);
		});
		return h;
	}

	/** Draws a stack of runs; the first run gives way (ellipsis) when the cell is capped. */
	drawRuns(runs: readonly Run[], x: number, y: number, width: number, maxHeight: number): void {
		const rest = this.measureRuns(runs.slice(1), width) + (runs.length > 1 ? RUN_GAP : 0);
		let cy = y;
		runs.forEach((run, i) => {
			if (i > 0) cy += RUN_GAP;
			if (run.pill) {
				const style: TextStyle = { size: run.size, bold: true, color: run.color ?? COLOR.ink };
				const text = this.truncateToWidth(run.text, style, width - PILL_PAD_X * 2);
				const w = this.textWidth(text, style) + PILL_PAD_X * 2;
				const h = run.size * 1.25 + PILL_PAD_Y * 2;
				this.doc.roundedRect(x, cy, w, h, h / 2).fill(run.pill.fill);
				this.style(style);
				this.doc.text(text, x + PILL_PAD_X, cy + PILL_PAD_Y + run.size * 0.08, {
					lineBreak: false
				});
				cy += h;
			} else {
				const limit = i === 0 ? Math.max(maxHeight - rest, run.size * 1.3) : y + maxHeight - cy;
				cy += this.draw(run.text, x, cy, width, run, { maxHeight: limit });
			}
		});
	}

	/**
	 * Column widths that break no word of a cell: a column narrower than its longest word (e.g.
	 * Russian "удовлетворенности") is widened, and the width it gains is taken from the columns with
	 * the most room to spare, widest spare first. The total width never changes. Headers do not
	 * widen a column: a header word too long for it is set smaller (`table`).
	 */
	fitColumns(
		columns: readonly Column[],
		rows: ReadonlyArray<readonly (readonly Run[])[]>,
		padX: number
	): Column[] {
		const longestWord = (text: string, style: TextStyle) =>
			Math.max(0, ...text.split(/\s+/).map((word) => this.textWidth(word, style)));
		const need = columns.map((_, i) =>
			Math.ceil(
				Math.max(
					...rows.flatMap((cells) =>
						(cells[i] ?? []).filter((run) => !run.pill).map((run) => longestWord(run.text, run))
					)
				) +
					padX * 2 +
					1
			)
		);
		const widths = columns.map((c) => c.width);
		for (let i = 0; i < widths.length; i++) {
			let missing = (need[i] ?? 0) - (widths[i] ?? 0);
			while (missing > 0) {
				const donor = widths
					.map((w, j) => ({ j, spare: j === i ? 0 : w - Math.max(need[j] ?? 0, 0) }))
					.sort((a, b) => b.spare - a.spare)[0];
				if (!donor || donor.spare <= 0) break;
				const take = Math.min(missing, donor.spare);
				widths[donor.j] = (widths[donor.j] ?? 0) - take;
				widths[i] = (widths[i] ?? 0) + take;
				missing -= take;
			}
		}
		return columns.map((c, i) => ({ ...c, width: widths[i] ?? c.width }));
	}

	/**
	 * A table: header row, then rows of cells (each a stack of runs). Rows never split; a row that
	 * does not fit moves to the next page, where the header is repeated; a row taller than a page
	 * is cut with an ellipsis. Columns are widened so that no word breaks (`fitColumns`).
	 */
	table(asked: readonly Column[], rows: ReadonlyArray<readonly (readonly Run[])[]>): void {
		const padX = 4;
		const padY = 5;
		const headerStyle: TextStyle = { size: SIZE.tiny, bold: true, color: COLOR.muted, lineGap: 1 };
		const columns = this.fitColumns(asked, rows, padX);
		// A header whose longest word is wider than its column is set smaller, down to 5 pt.
		const headerStyles = columns.map((c): TextStyle => {
			const room = c.width - padX * 2;
			const widest = Math.max(
				0,
				...c.header.split(/\s+/).map((w) => this.textWidth(w, headerStyle))
			);
			const size =
				widest > room ? Math.max(5, (headerStyle.size * room) / widest) : headerStyle.size;
			return { ...headerStyle, size };
		});
		const headerHeight =
			Math.max(
				...columns.map((c, i) =>
					this.measure(c.header, headerStyles[i] ?? headerStyle, c.width - padX * 2)
				)
			) +
			padY * 2;
		const drawHeader = () => {
			let x = this.left;
			columns.forEach((c, i) => {
				this.draw(
					c.header,
					x + padX,
					this.y + padY,
					c.width - padX * 2,
					headerStyles[i] ?? headerStyle,
					{
						align: c.align
					}
				);
				x += c.width;
			});
			this.y += headerHeight;
			this.doc
				.moveTo(this.left, this.y)
				.lineTo(this.right, this.y)
				.lineWidth(0.8)
				.strokeColor(COLOR.muted)
				.stroke();
		};
		const maxRow = CONTENT_BOTTOM - MARGIN.top - headerHeight - 4;
		const heights = rows.map((cells) =>
			Math.min(
				maxRow,
				Math.max(
					...cells.map((runs, i) => this.measureRuns(runs, (columns[i]?.width ?? 0) - padX * 2))
				) +
					padY * 2
			)
		);
		this.ensure(headerHeight + (heights[0] ?? 0));
		drawHeader();
		rows.forEach((cells, r) => {
			const h = heights[r] ?? 0;
			if (this.y + h > CONTENT_BOTTOM) {
				this.newPage();
				drawHeader();
			}
			let x = this.left;
			cells.forEach((runs, i) => {
				const width = (columns[i]?.width ?? 0) - padX * 2;
				this.drawRuns(runs, x + padX, this.y + padY, width, h - padY * 2);
				x += columns[i]?.width ?? 0;
			});
			this.y += h;
			this.doc
				.moveTo(this.left, this.y)
				.lineTo(this.right, this.y)
				.lineWidth(0.4)
				.strokeColor(COLOR.rule)
				.stroke();
		});
		this.y += 8;
	}
}
