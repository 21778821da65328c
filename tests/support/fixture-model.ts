/**
 * A small, hand-checkable model for the domain tests: three areas with unequal weights and sizes.
 *   alpha: weight 1, questions a1, a2
 *   beta:  weight 2, questions b1, b2, b3
 *   gamma: weight 1, question  c1
 * Every area has two recommendations per stage: "<area>-r<stage>-quick" (S, impact 2, 30 days) and
 * "<area>-r<stage>-big" (L, impact 3, 90 days).
 */
import type { MaturityModel } from '../../src/lib/domain/model';

const t = (en: string) => ({ en });

function area(id: string, weight: number, questionIds: string[]): MaturityModel['areas'][number] {
	return {
		id,
		name: t(`Area ${id}`),
		description: t(`About ${id}`),
		weight,
		sources: ['001_9567f1623b447e1b.txt'],
		stageDescriptions: [t('s1'), t('s2'), t('s3'), t('s4')],
		scorecard: { objective: t('o'), measure: t('m'), target: t('t'), kpi: 'nps' },
		questions: questionIds.map((q) => ({
			id: q,
			text: t(`Question ${q}?`),
			levels: [t(`${q} one`), t(`${q} two`), t(`${q} three`), t(`${q} four`)]
		})),
		recommendations: ([1, 2, 3, 4] as const).flatMap((stage) => [
			{
				id: `${id}-r${stage}-quick`,
				stage,
				title: t(`Quick ${id} ${stage}`),
				action: t('Do it'),
				effort: 'S' as const,
				impact: 2 as const,
				horizon: 30 as const,
				owner: t('CX lead'),
				kpi: 'nps'
			},
			{
				id: `${id}-r${stage}-big`,
				stage,
				title: t(`Big ${id} ${stage}`),
				action: t('Do more'),
				effort: 'L' as const,
				impact: 3 as const,
				horizon: 90 as const,
				owner: t('Chief executive'),
				kpi: 'csat'
			}
		])
	};
}

export function fixtureModel(): MaturityModel {
	return {
		id: 'fixture',
		version: '1.0.0',
		name: t('Fixture model'),
		description: t('A small model for tests'),
		stages: [
			{ id: 1, key: 'find-and-fix', name: t('Find and fix'), summary: t('one') },
			{ id: 2, key: 'reform-and-modernise', name: t('Reform and modernise'), summary: t('two') },
			{ id: 3, key: 'raise-the-bar', name: t('Raise the bar'), summary: t('three') },
			{ id: 4, key: 'stand-out', name: t('Stand out'), summary: t('four') }
		],
		areas: [
			area('alpha', 1, ['a1', 'a2']),
			area('beta', 2, ['b1', 'b2', 'b3']),
			area('gamma', 1, ['c1'])
		],
		kpis: [
			{
				id: 'nps',
				name: t('NPS'),
				definition: t('Net promoter score'),
				formula: t('% promoters - % detractors'),
				unit: 'points',
				direction: 'up',
				sources: []
			},
			{
				id: 'csat',
				name: t('CSAT'),
				definition: t('Satisfaction'),
				formula: t('mean rating'),
				unit: 'score',
				direction: 'up',
				sources: []
			}
		]
	};
}
