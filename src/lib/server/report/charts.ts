/**
 * Charts drawn as vector paths (no images): the radar of current and target stage per area, and a
 * stacked bar of how a question's answers are spread over the four statements.
 */
import type { StageId } from '$lib/domain/model';
import type { Layout, TextStyle } from './layout';
import { COLOR, SIZE, STAGE_COLOR, textOn } from './theme';

export interface RadarInput {
	labels: string[];
	/** Unrounded mean stage (1-4) per area, null when the area has no score. */
	current: Array<number | null>;
	/** Unrounded target stage per area, null when none was given. */
	target: Array<number | null>;
	currentLabel: string;
	targetLabel: string;
	note: string;
}

const LABEL_WIDTH = 80;
const LABEL_STYLE: TextStyle = { size: SIZE.tiny, color: COLOR.ink, lineGap: 0.6 };

/**
 * Draws the radar in a box of `width` x `height` at (x, y): rings for stages 1 (centre) to 4
 * (edge), one spoke per area, the current polygon filled in the accent colour and the target as a
 * dashed outline, area names around the edge and a legend below.
 */
export function radarChart(
	layout: Layout,
	input: RadarInput,
	x: number,
	y: number,
	width: number,
	height: number
): void {
	const { doc } = layout;
	const n = input.labels.length;
	const legendHeight = 24;
	const labelRoom = 30;
	const radius = Math.max(
		30,
		Math.min((width - 2 * LABEL_WIDTH) / 2 - 10, (height - legendHeight) / 2 - labelRoom)
	);
	const cx = x + width / 2;
	const cy = y + (height - legendHeight) / 2;
	const angle = (i: number) => -Math.PI / 2 + (2 * Math.PI * i) / Math.max(n, 1);
	const point = (i: number, level: number): [number, number] => {
		const r = (Math.min(4, Math.max(1, level)) - 1) / 3;
		return [cx + Math.cos(angle(i)) * r * radius, cy + Math.sin(angle(i)) * r * radius];
	};

	doc.save();
	// Rings for stages 2, 3 and 4 (stage 1 is the centre), and the spokes.
	for (const level of [2, 3, 4]) {
		const ring = Array.from({ length: n }, (_, i) => point(i, level));
		if (n >= 3) doc.polygon(...ring);
		else doc.circle(cx, cy, ((level - 1) / 3) * radius);
		doc
			.lineWidth(level === 4 ? 0.8 : 0.5)
			.strokeColor(COLOR.rule)
			.stroke();
	}
	for (let i = 0; i < n; i++) {
		const [px, py] = point(i, 4);
		doc.moveTo(cx, cy).lineTo(px, py).lineWidth(0.5).strokeColor(COLOR.rule).stroke();
	}
	// Stage numbers along the first spoke.
	for (const level of [1, 2, 3, 4]) {
		const [, py] = point(0, level);
		layout.line(String(level), cx + 3, py - SIZE.tiny - 1, 12, { size: 6, color: COLOR.faint });
	}

	// Current: filled polygon in the accent colour.
	if (input.current.some((v) => v !== null)) {
		const pts = input.current.map((v, i) => point(i, v ?? 1));
		doc.polygon(...pts);
		doc.fillOpacity(0.16).fill(layout.accent);
		doc.fillOpacity(1);
		doc.polygon(...pts);
		doc.lineWidth(1.6).strokeColor(layout.accent).stroke();
		input.current.forEach((v, i) => {
			if (v === null) return;
			const [px, py] = point(i, v);
			doc.circle(px, py, 2).fill(layout.accent);
		});
	}
	// Target: dashed outline.
	if (input.target.some((v) => v !== null)) {
		const pts = input.target.map((v, i) => point(i, v ?? 1));
		doc.polygon(...pts);
		doc.lineWidth(1).dash(3, { space: 2 }).strokeColor(COLOR.target).stroke();
		doc.undash();
	}
	doc.restore();

	// Area names around the edge, aligned away from the centre.
	input.labels.forEach((label, i) => {
		const a = angle(i);
		const cos = Math.cos(a);
		const sin = Math.sin(a);
		const ax = cx + cos * (radius + 8);
		const ay = cy + sin * (radius + 8);
		const h = layout.measure(label, LABEL_STYLE, LABEL_WIDTH);
		const maxHeight = LABEL_STYLE.size * 4.8;
		const boxH = Math.min(h, maxHeight);
		let lx: number;
		let align: 'left' | 'right' | 'center';
		if (cos > 0.25) {
			lx = ax;
			align = 'left';
		} else if (cos < -0.25) {
			lx = ax - LABEL_WIDTH;
			align = 'right';
		} else {
			lx = ax - LABEL_WIDTH / 2;
			align = 'center';
		}
		const ly = sin < -0.25 ? ay - boxH : sin > 0.25 ? ay : ay - boxH / 2;
		layout.draw(label, lx, ly, LABEL_WIDTH, LABEL_STYLE, { align, maxHeight });
	});

	// Legend.
	const ly = y + height - legendHeight + 4;
	const legendStyle: TextStyle = { size: SIZE.tiny, color: COLOR.muted };
	const w1 = layout.textWidth(input.currentLabel, legendStyle);
	const w2 = layout.textWidth(input.targetLabel, legendStyle);
	const noteW = layout.textWidth(input.note, legendStyle);
	const keys = 14 + 4 + w1 + 14 + 14 + 4 + w2;
	// The note follows the keys on their line when it fits, else it gets a line of its own (a longer
	// language never truncates it).
	const oneLine = keys + 14 + noteW <= width;
	let lx = cx - (oneLine ? keys + 14 + noteW : keys) / 2;
	doc.save();
	doc
		.rect(lx, ly + 1, 14, 6)
		.fillOpacity(0.16)
		.fill(layout.accent);
	doc.fillOpacity(1);
	doc
		.moveTo(lx, ly + 1)
		.lineTo(lx + 14, ly + 1)
		.lineWidth(1.6)
		.strokeColor(layout.accent)
		.stroke();
	doc.restore();
	lx += 18;
	layout.line(input.currentLabel, lx, ly, w1 + 1, legendStyle);
	lx += w1 + 14;
	doc.save();
	doc
		.moveTo(lx, ly + 4)
		.lineTo(lx + 14, ly + 4)
		.lineWidth(1)
		.dash(3, { space: 2 })
		.strokeColor(COLOR.target)
		.stroke();
	doc.undash();
	doc.restore();
	lx += 18;
	layout.line(input.targetLabel, lx, ly, w2 + 1, legendStyle);
	lx += w2 + 14;
	if (oneLine) layout.line(input.note, lx, ly, noteW + 1, legendStyle);
	else layout.line(input.note, cx - noteW / 2, ly + 10, noteW + 1, legendStyle);
}

/**
 * A horizontal bar split into the four stages' shares of the answers, with the count inside each
 * segment when it fits.
 */
export function distributionBar(
	layout: Layout,
	distribution: readonly [number, number, number, number],
	x: number,
	y: number,
	width: number,
	height: number
): void {
	const { doc } = layout;
	const total = distribution.reduce((s, v) => s + v, 0);
	doc.save();
	doc.roundedRect(x, y, width, height, 1.5).fill(COLOR.panel);
	if (total > 0) {
		let sx = x;
		distribution.forEach((count, i) => {
			if (count === 0) return;
			const stage = (i + 1) as StageId;
			const w = (count / total) * width;
			doc.rect(sx, y, w, height).fill(STAGE_COLOR[stage]);
			const label = String(count);
			const style: TextStyle = { size: 6.5, bold: true, color: textOn(STAGE_COLOR[stage]) };
			if (layout.textWidth(label, style) + 3 <= w)
				layout.line(label, sx, y + (height - 6.5 * 1.16) / 2, w, style, 'center');
			sx += w;
		});
	}
	doc.restore();
}

/** Legend for the stage colours: a swatch and "1 Find and fix" for each stage, wrapped to `width`. */
export function stageLegend(
	layout: Layout,
	names: readonly string[],
	x: number,
	y: number,
	width: number,
	draw = true
): number {
	const style: TextStyle = { size: SIZE.tiny, color: COLOR.muted };
	let lx = x;
	let ly = y;
	names.forEach((name, i) => {
		const label = `${i + 1} ${name}`;
		const w = 12 + layout.textWidth(label, style) + 14;
		if (lx > x && lx + w > x + width) {
			lx = x;
			ly += 12;
		}
		if (draw) {
			layout.doc.rect(lx, ly + 1, 8, 6).fill(STAGE_COLOR[(i + 1) as StageId]);
			layout.line(label, lx + 12, ly, Math.min(w - 12, width), style);
		}
		lx += w;
	});
	return ly + 12 - y;
}

/** The height `stageLegend` takes, without drawing it. */
export function stageLegendHeight(layout: Layout, names: readonly string[], width: number): number {
	return stageLegend(layout, names, 0, 0, width, false);
}
