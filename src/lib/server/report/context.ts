/**
 * What every section of the report is given: the layout, the reader's language, the computed
 * results and their view, and the facts of the organisation and round. Types only, so sections
 * import it and it imports no section.
 */
import type { BenchmarkView } from '$lib/domain/benchmark';
import type { DashboardView } from '$lib/domain/dashboard-view';
import type { Locale, MaturityModel } from '$lib/domain/model';
import type { Results } from '$lib/domain/results';
import type { ResultsView } from '$lib/domain/results-view';
import type { WorkshopRecordView } from '$lib/domain/workshop-record';
import type { m } from '$lib/paraglide/messages';
import type { Layout } from './layout';

export interface ReportGroups {
	/** "Department: Billing · Role level: Frontline" when the report is of a filtered group. */
	filterLabel: string | null;
	view: Pick<
		DashboardView,
		'departments' | 'roleLevels' | 'gaps' | 'areas' | 'threshold' | 'importance'
	>;
}

export interface ReportPractice {
	name: string;
	logo: { data: Uint8Array; type: 'png' | 'jpeg' } | null;
	/** '#rrggbb'; anything else falls back to the app's brand colour. */
	accentColor: string;
	contact: string | null;
}

export type MessageOptions = NonNullable<Parameters<typeof m.pdf_title>[1]>;

export interface ReportContext {
	layout: Layout;
	locale: Locale;
	msg: MessageOptions;
	model: MaturityModel;
	results: Results;
	view: ResultsView;
	team: boolean;
	organisation: {
		name: string;
		logo: { data: Uint8Array; type: 'png' | 'jpeg' } | null;
	};
	round: {
		name: string;
		date: Date;
		respondents: number;
		departments: number;
		anonymityThreshold: number;
	};
	/**
	 * The practice whose client the organisation is (issue 13): its name, logo and accent on the
	 * cover beside the client's ("Prepared by … for …"), its contact on the last page.
	 */
	practice: ReportPractice | null;
	/** The consultant's note for this round, plain text as typed; null without one. */
	coverNote: string | null;
	/** Team reports: where the round stands among other organisations (statistics only). */
	benchmark: BenchmarkView | null;
	groups?: ReportGroups;
	/** Team reports of a round with a workshop record (docs/scoring.md rule 46). */
	record?: WorkshopRecordView | null;
	/**
	 * The results are the workshop's agreed answers, the round being below its threshold
	 * (docs/scoring.md rule 49): the cover and the method say so, and no individual figure is given.
	 */
	consensus: boolean;
	dateText: string;
}
