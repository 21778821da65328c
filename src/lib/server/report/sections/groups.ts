/**
 * The report's comparison across the organisation: departments × areas and the role-level lens
 * with its perception gaps, exactly as the dashboard shows them (the same view, so a hidden group
 * is hidden here too and carries no numbers).
 */
import type { DashboardView } from '$lib/domain/dashboard-view';
import { gapSentence } from '$lib/labels';
import { m } from '$lib/paraglide/messages';
import type { ReportContext } from '../context';
import { BODY, SMALL, type Column, type Run, type TextStyle } from '../layout';
import { COLOR, SIZE, STAGE_COLOR } from '../theme';

type Row = DashboardView['departments'][number] | DashboardView['roleLevels'][number];

function groupTable(ctx: ReportContext, title: string, rows: readonly Row[], showMean: boolean) {
	const { layout, msg } = ctx;
	const areas = ctx.groups!.view.areas;
	const nameWidth = 100;
	const countWidth = 34;
	const areaWidth = (layout.width - nameWidth - countWidth) / Math.max(1, areas.length);
	const columns: Column[] = [
		{ header: title, width: nameWidth },
		{ header: m.pdf_groups_responses({}, msg), width: countWidth, align: 'right' },
		// Area names do not fit such narrow columns: numbered here, named in the legend below.
		...areas.map((_, i) => ({ header: String(i + 1), width: areaWidth, align: 'center' as const }))
	];
	const hiddenText = (row: Row) =>
		row.reason === 'differencing'
			? m.pdf_groups_hidden_differencing({}, msg)
			: m.pdf_groups_hidden_small({ threshold: ctx.groups!.view.threshold }, msg);
	const small: TextStyle = { size: SIZE.small, color: COLOR.ink, lineGap: 1 };
	layout.table(
		columns,
		rows.map((row) => [
			row.visible
				? [{ text: row.name, ...small, bold: true }]
				: [
						{ text: row.name, ...small, bold: true },
						{ text: hiddenText(row), size: SIZE.tiny, color: COLOR.muted, lineGap: 1 }
					],
			[{ text: row.visible ? String(row.count) : '', ...small }],
			...areas.map((_, i): Run[] => {
				const cell = row.visible ? row.cells[i] : undefined;
				if (!cell?.stage) return [{ text: row.visible ? '–' : '', ...small }];
				const text = showMean ? String(cell.mean) : String(cell.score);
				return [
					{
						text,
						size: SIZE.small,
						bold: true,
						color: COLOR.white,
						pill: { fill: STAGE_COLOR[cell.stage] }
					}
				];
			})
		])
	);
}

/**
 * The rows of a lens worth a table: at least two groups. One row alone (the organisation has no
 * departments, so every response is under "No department", or all came from one group) is the
 * round's own result again, with nothing to compare it with.
 */
const compared = <T>(rows: readonly T[]): readonly T[] => (rows.length >= 2 ? rows : []);

/**
 * Departments × areas and role levels × areas, after the summary. A lens with nothing to compare
 * is left out, and so is the whole section when both are (no near-empty page of one-row tables).
 */
export function groupsSection(ctx: ReportContext): void {
	const groups = ctx.groups;
	if (!groups) return;
	const view = {
		...groups.view,
		departments: compared(groups.view.departments),
		roleLevels: compared(groups.view.roleLevels)
	};
	if (view.departments.length === 0 && view.roleLevels.length === 0) return;
	const { layout, msg } = ctx;
	layout.section('groups', m.pdf_groups_title({}, msg));
	layout.paragraph(m.pdf_groups_lead({ threshold: view.threshold }, msg), BODY, 4);
	layout.paragraph(
		m.pdf_groups_legend({ areas: view.areas.map((a, i) => `${i + 1} ${a.name}`).join(' · ') }, msg),
		SMALL,
		6
	);
	if (view.departments.length > 0) {
		layout.h2(m.pdf_groups_departments({}, msg));
		layout.lead(m.pdf_groups_departments_note({}, msg), SMALL, 4);
		groupTable(ctx, m.pdf_groups_department({}, msg), view.departments, false);
	}
	if (view.roleLevels.length > 0) {
		layout.h2(m.pdf_groups_roles({}, msg));
		for (const gap of view.gaps) {
			layout.paragraph(`• ${gapSentence(gap, msg)}`, { ...BODY, bold: true }, 2);
		}
		if (view.gaps.length === 0) layout.paragraph(m.lens_no_gaps({}, msg), BODY, 4);
		layout.gap(4);
		layout.lead(m.pdf_groups_roles_note({}, msg), SMALL, 4);
		groupTable(ctx, m.pdf_groups_role_level({}, msg), view.roleLevels, true);
	}
}
