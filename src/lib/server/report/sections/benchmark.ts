/**
 * The benchmark (docs/scoring.md, "Benchmark"): per area, this round's score and where it stands
 * among other organisations, as statistics only; a suppressed area says why, with no number.
 */
import { BENCHMARK_MINIMUM } from '$lib/domain/benchmark';
import { benchmarkAreaLabel, benchmarkScopeLabel, benchmarkWithheldReason } from '$lib/labels';
import { m } from '$lib/paraglide/messages';
import type { ReportContext } from '../context';
import { BODY, SMALL, type Run } from '../layout';
import { COLOR, SIZE } from '../theme';

export function benchmarkSection(ctx: ReportContext): void {
	const { layout, msg, benchmark } = ctx;
	if (!benchmark) return;
	const scope = benchmarkScopeLabel(benchmark, msg);
	layout.section('benchmark', m.benchmark_title({}, msg), { level: 2 });
	layout.paragraph(m.benchmark_lead({}, msg), SMALL, 8);
	if (!benchmark.anyShown) {
		layout.paragraph(m.benchmark_none_shown({ min: BENCHMARK_MINIMUM, scope }, msg), BODY, 6);
		layout.paragraph(benchmarkWithheldReason(benchmark, msg), SMALL, 6);
		return;
	}
	const cell = (text: string, bold = false, color: string = COLOR.ink): Run[] => [
		{ text, size: SIZE.small, bold, color, lineGap: 1 }
	];
	layout.table(
		[
			{ header: m.benchmark_column_area({}, msg), width: 150 },
			{ header: m.benchmark_column_score({}, msg), width: 60, align: 'right' },
			{ header: m.benchmark_column_comparison({}, msg), width: layout.width - 210 }
		],
		benchmark.areas.map((area) => [
			cell(area.name, true),
			cell(area.shown ? String(area.score) : '–'),
			cell(benchmarkAreaLabel(area, scope, msg), false, area.shown ? COLOR.ink : COLOR.muted)
		])
	);
}
