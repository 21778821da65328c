/** Small helpers several sections share. */
import { HORIZONS, type StageId } from '$lib/domain/model';
import type { ResultsView } from '$lib/domain/results-view';
import { m } from '$lib/paraglide/messages';
import type { ReportContext } from '../context';

export type ViewItem = ResultsView['roadmap'][30][number];

export const stageName = (ctx: ReportContext, stage: StageId) =>
	ctx.view.stages[stage - 1]?.name ?? '';
export const effortLabel = (ctx: ReportContext, effort: 'S' | 'M' | 'L') =>
	({ S: m.pdf_effort_S, M: m.pdf_effort_M, L: m.pdf_effort_L })[effort]({}, ctx.msg);

/** All roadmap items in rank order, as the view formats them. */
export function rankedItems(view: ResultsView): ViewItem[] {
	return HORIZONS.flatMap((h) => view.roadmap[h]).sort((a, b) => a.rank - b.rank);
}
