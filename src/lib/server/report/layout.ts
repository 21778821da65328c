/**
 * Layout helpers over a pdfkit document: a vertical cursor, text that is measured before it is
 * placed, page breaks when a block does not fit, headings that stay with what follows, and tables
 * whose header repeats on every page.
 *
 * Pagination by content, one rule for every section:
 * - Every block is measured before it is drawn and asks for its room with `ensure(height)`: a block
 *   that does not fit below the cursor moves whole to the next page. A paragraph of four lines or
 *   more may split instead, keeping at least two lines on each page (`paragraph`).
 * - Headings (`h2`, `h3`, a section's title, a recommendation's title and details) are not drawn
 *   at once: they wait (`keepWithNext`) for the next block and are placed with it, so a heading is
 *   never the last thing on a page.
 * - A section starts on a new page unless the page it would follow is less than half full; then it
 *   follows on that page below a rule, so a section's last few lines never hold a page of their own.
 * - Nothing realistic is cut: text wraps and boxes grow. Only text longer than a page, or a name in
 *   the one-line running header, is shortened, at a word boundary.
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

/** A heading waiting to be placed with the block that follows it. */
interface Head {
	height: number;
	before: number;
	/** Draws the heading at `y`; `top` says it opens the page. */
	draw: (y: number, top: boolean) => void;
}

/** A section follows on the current page when less than this share of it is used. */
const SECTION_FOLLOWS_BELOW = 0.5;
/** Space above a section that follows on a page, with a rule in the middle. */
const SECTION_SPACE = 34;

export class Layout {
	/** The cursor: where the next block starts on the current page. */
	y: number = MARGIN.top;
	private pending: Head[] = [];
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

	/** True when nothing has been placed on the current page yet. */
	get atTop(): boolean {
		return this.y <= MARGIN.top;
	}

	/**
	 * Makes room for a block of `height` (the whole block, or the part of it that must stay
	 * together): places the headings waiting for it first, and starts a new page when they and the
	 * block do not fit below the cursor. Call it before drawing anything at `y`, and read `y` after
	 * it. True when it added a page.
	 */
	ensure(height: number): boolean {
		const heads = this.pending;
		this.pending = [];
		const needed = heads.reduce((s, h) => s + h.before + h.height, 0) + height;
		let added = false;
		if (this.y + needed > CONTENT_BOTTOM && !this.atTop) {
			this.newPage();
			added = true;
		}
		for (const head of heads) {
			const top = this.atTop;
			if (!top) this.y += head.before;
			head.draw(this.y, top);
			this.y += head.height;
		}
		return added;
	}

	/**
	 * Keeps a heading of `height` with the block that follows it: `draw(y)` runs when that block
	 * asks for its room (`ensure`), on the page the block starts on. `before` is the space above
	 * the heading, left out at the top of a page.
	 */
	keepWithNext(height: number, draw: (y: number, top: boolean) => void, before = 0): void {
		this.pending.push({ height, draw, before });
	}

	/** Places headings still waiting (at the end of the report, or before a page is reserved). */
	flush(): void {
		if (this.pending.length > 0) this.ensure(0);
	}

	/** Vertical space; after a waiting heading it is kept with the heading. */
	gap(points: number): void {
		const last = this.pending[this.pending.length - 1];
		if (last) last.height += points;
		else this.y = Math.min(this.y + points, CONTENT_BOTTOM);
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

	/**
	 * `text`, shortened with an ellipsis until it fits on one line of `width`: cut after a whole
	 * word, so no number or word is left half shown; mid-word only when the first word alone is
	 * too wide. For the one-line running header; everything else wraps.
	 */
	truncateToWidth(text: string, style: TextStyle, width: number): string {
		if (this.textWidth(text, style) <= width) return text;
		const fits = (head: string) => this.textWidth(`${head}…`, style) <= width;
		const words = text.split(/(?<=\s)/);
		let head = '';
		for (const word of words) {
			if (!fits((head + word).trimEnd())) break;
			head += word;
		}
		head = head.trimEnd().replace(/[\s·,;:–-]+$/u, '');
		if (head !== '') return `${head}…`;
		let lo = 0;
		let hi = text.length;
		while (lo < hi) {
			const mid = Math.ceil((lo + hi) / 2);
			if (fits(text.slice(0, mid).trimEnd())) lo = mid;
			else hi = mid - 1;
		}
		return `${text.slice(0, lo).trimEnd()}…`;
	}

	/** Height of one and of two lines of `style` (lines are placed at a fixed step). */
	private lineHeights(style: TextStyle, width: number): { one: number; two: number } {
		return { one: this.measure('X', style, width), two: this.measure('X\nX', style, width) };
	}

	/**
	 * The room a paragraph needs to start: all of it when it is short, its first two lines when it
	 * may split (four lines or more), so a page never ends or starts with a single line of it.
	 */
	startHeight(text: string, style: TextStyle, width: number): number {
		const height = this.measure(text, style, width);
		const { one, two } = this.lineHeights(style, width);
		const four = two + 2 * (two - one);
		return height >= four - 0.5 ? two : height;
	}

	/**
	 * Splits `text` after the last whole line that fits in `room`, leaving at least two lines on
	 * each side; null when no such split exists.
	 */
	private splitToFit(
		text: string,
		style: TextStyle,
		width: number,
		room: number
	): [string, string] | null {
		const { one, two } = this.lineHeights(style, width);
		if (room < two) return null;
		const tokens = text.split(/(\s+)/);
		const wordCount = Math.ceil(tokens.length / 2);
		const headOf = (words: number) => tokens.slice(0, 2 * words - 1).join('');
		const tailOf = (words: number) => tokens.slice(2 * words).join('');
		// Lines are placed at a fixed step, so the words of the first n lines are the longest
		// prefix whose height fits n lines.
		const step = two - one;
		let limit = Math.min(room, this.measure(text, style, width) - two + 0.5);
		while (limit >= two - 0.5) {
			let lo = 0;
			let hi = wordCount - 1;
			while (lo < hi) {
				const mid = Math.ceil((lo + hi) / 2);
				if (this.measure(headOf(mid), style, width) <= limit) lo = mid;
				else hi = mid - 1;
			}
			if (lo === 0) return null;
			const tail = tailOf(lo);
			if (this.measure(tail, style, width) >= two - 0.5) return [headOf(lo), tail];
			limit -= step;
		}
		return null;
	}

	/**
	 * A paragraph at the cursor (across the full width unless `x` and `width` say otherwise). A
	 * paragraph of up to three lines moves to the next page whole; a longer one that does not fit
	 * is split between lines, at least two on each page.
	 */
	paragraph(
		text: string,
		style: TextStyle = BODY,
		after = 6,
		x = this.left,
		width = this.width
	): void {
		if (text === '') return;
		this.ensure(this.startHeight(text, style, width));
		let rest = text;
		for (;;) {
			const height = this.measure(rest, style, width);
			const room = CONTENT_BOTTOM - this.y;
			if (height <= room) {
				this.draw(rest, x, this.y, width, style);
				this.y += height + after;
				return;
			}
			const split = this.splitToFit(rest, style, width, room);
			if (split) {
				this.y += this.draw(split[0], x, this.y, width, style);
				rest = split[1];
			} else if (this.atTop) {
				// Cannot happen for real text (a page holds far more than two lines); a guard
				// against a loop.
				this.y += this.draw(rest, x, this.y, width, style);
				return;
			}
			this.newPage();
		}
	}

	/**
	 * A short paragraph that introduces the next block (a table, a chart, a list) and stays with
	 * it, like a heading. Longer text belongs in `paragraph`.
	 */
	lead(text: string, style: TextStyle = BODY, after = 6): void {
		if (text === '') return;
		const height = this.measure(text, style, this.width);
		this.keepWithNext(height + after, (y) => {
			this.draw(text, this.left, y, this.width, style);
		});
	}

	/**
	 * A second-level heading, placed with the next block (`keepWithNext`). `keep` is no longer
	 * needed: the block itself says how much of it must come along.
	 */
	h2(text: string): void {
		const style: TextStyle = { size: SIZE.h2, bold: true, color: COLOR.ink, lineGap: 1 };
		const height = this.measure(text, style, this.width);
		this.keepWithNext(
			height + 6,
			(y) => {
				this.draw(text, this.left, y, this.width, style);
			},
			10
		);
	}

	/** A third-level heading (small, bold), placed with the next block. */
	h3(text: string, color: string = COLOR.ink): void {
		const style: TextStyle = { size: SIZE.h3, bold: true, color, lineGap: 1 };
		const height = this.measure(text, style, this.width);
		this.keepWithNext(height + 4, (y) => {
			this.draw(text, this.left, y, this.width, style);
		});
	}

	/**
	 * Starts a section: a small kicker, the title and a short rule in the accent colour, placed with
	 * the section's first block. On a new page, unless the current page is less than half used: then
	 * below a rule on it. Records the page for the contents and adds a bookmark.
	 */
	section(id: string, title: string, options: { kicker?: string; level?: 1 | 2 } = {}): void {
		this.flush();
		const used = (this.y - MARGIN.top) / (CONTENT_BOTTOM - MARGIN.top);
		const follows = !this.atTop && used < SECTION_FOLLOWS_BELOW;
		if (!follows && !this.atTop) this.newPage();
		const level = options.level ?? 1;
		const kickerStyle: TextStyle = { size: SIZE.small, bold: true, color: this.accentInk };
		const titleStyle: TextStyle = { size: SIZE.h1, bold: true, color: COLOR.ink, lineGap: 2 };
		const kickerHeight = options.kicker
			? this.measure(options.kicker, { ...kickerStyle, lineGap: 1 }, this.width) + 5
			: 0;
		const titleHeight = this.measure(title, titleStyle, this.width);
		this.keepWithNext(
			kickerHeight + titleHeight + 8 + 18,
			(y, top) => {
				if (!top) {
					const ry = y - SECTION_SPACE / 2;
					this.doc
						.moveTo(this.left, ry)
						.lineTo(this.right, ry)
						.lineWidth(0.6)
						.strokeColor(COLOR.rule)
						.stroke();
				}
				this.sections.push({ id, title, page: this.pageIndex, level });
				this.doc.addNamedDestination(id, 'XYZ', 0, PAGE.height - Math.max(0, y - 24), null);
				let cy = y;
				if (options.kicker) {
					this.draw(options.kicker, this.left, cy, this.width, { ...kickerStyle, lineGap: 1 });
					cy += kickerHeight;
				}
				cy += this.draw(title, this.left, cy, this.width, titleStyle) + 8;
				this.doc.rect(this.left, cy, 36, 2.5).fill(this.accent);
			},
			SECTION_SPACE
		);
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
