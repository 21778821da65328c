/**
 * The cast of the demo: Northwind Energy, a mid-sized energy retailer and network operator, its
 * people, its twelve departments and how mature each of them is per area of the default model
 * (db/models/cx-maturity.json). All numbers are on the 1-4 answer scale.
 */
import type { Locale } from '$lib/domain/model';
import type { Role } from '$lib/domain/permissions';

/** The demo organisation is found (and deleted before it is recreated) by this name. */
export const DEMO_ORGANISATION_NAME = 'Northwind Energy (demo)';
export const DEMO_EMAIL = 'demo@example.com';
/** Every demo account signs in with this password. */
export const DEMO_PASSWORD = 'demo-password-2026';
export const ANONYMITY_THRESHOLD = 5;

export interface DemoUser {
	key: 'owner' | 'maria' | 'andrei' | 'georgi' | 'ioana';
	email: string;
	displayName: string;
	role: Role;
}

/** The owner first; the others are added as members with these roles. */
export const DEMO_USERS: readonly DemoUser[] = [
	{ key: 'owner', email: DEMO_EMAIL, displayName: 'Alex Morgan', role: 'owner' },
	{
		key: 'maria',
		email: 'maria.ivanova@example.com',
		displayName: 'Maria Ivanova',
		role: 'facilitator'
	},
	{
		key: 'andrei',
		email: 'andrei.popescu@example.com',
		displayName: 'Andrei Popescu',
		role: 'member'
	},
	{
		key: 'georgi',
		email: 'georgi.petrov@example.com',
		displayName: 'Georgi Petrov',
		role: 'member'
	},
	{ key: 'ioana', email: 'ioana.marin@example.com', displayName: 'Ioana Marin', role: 'viewer' }
];

/** The role levels every organisation starts with (organisations.ts, DEFAULT_ROLE_LEVELS). */
export type RoleLevelName = 'Executive' | 'Manager' | 'Frontline' | 'Support / back office';
export const ROLE_LEVEL_NAMES: readonly RoleLevelName[] = [
	'Executive',
	'Manager',
	'Frontline',
	'Support / back office'
];

/**
 * Where the organisation stands per area in the first round, for an average respondent (before
 * department, role level and personal differences). Voice of the customer, measurement and
 * governance are the weak spots; service delivery is the relative strength.
 */
export const AREA_BASELINE: Readonly<Record<string, number>> = {
	'strategy-vision': 2.15,
	'customer-understanding': 2.0,
	'journeys-touchpoints': 1.85,
	'voice-of-customer': 1.7,
	measurement: 1.75,
	'culture-people': 2.1,
	'data-technology': 1.9,
	'service-emotion': 2.3,
	governance: 1.8
};

/**
 * A few questions sit clearly below or above their area's level (the rest vary a little at
 * random): closing the loop with customers and attributing value are the hardest everywhere.
 */
export const QUESTION_OFFSET: Readonly<Record<string, number>> = {
	'voc-follow-up': -0.35,
	'voc-asking': 0.25,
	'me-attribution': -0.4,
	'me-customer-measures': 0.2,
	'dt-customer-record': -0.3,
	'se-reaching-us': 0.25,
	'se-resolution': -0.2,
	'gov-owners': -0.2,
	'sv-goals': 0.25
};

/**
 * Questions some respondents answer "not applicable" (where the model offers it), with the share
 * who do: an energy supplier does serve businesses, but some frontline staff only ever see
 * households.
 */
export const NOT_APPLICABLE_SHARE: Readonly<Record<string, number>> = {
	'cu-business-customers': 0.12,
	'se-fit': 0.04
};

/**
 * How each role level sees things: `all` applies to every area, the others add to it per area.
 * Executives rate everything higher than the frontline, and a full stage higher on voice of the
 * customer and service delivery ("complaints are handled well" against "we never hear back").
 */
export const ROLE_EFFECT: Readonly<Record<RoleLevelName, Readonly<Record<string, number>>>> = {
	Executive: { all: 0.4, 'voice-of-customer': 0.45, 'service-emotion': 0.25, governance: 0.1 },
	Manager: { all: 0.1, 'voice-of-customer': 0.2, 'service-emotion': 0.1 },
	Frontline: { all: -0.2, 'voice-of-customer': -0.4, 'service-emotion': -0.35 },
	'Support / back office': { all: -0.05, 'journeys-touchpoints': -0.15, governance: -0.1 }
};

export interface DemoDepartment {
	name: string;
	/** Added to every area. */
	level: number;
	/** Added to single areas, on top of `level`. */
	areas?: Readonly<Record<string, number>>;
	/** Shares of Executive, Manager, Frontline and Support / back office among respondents. */
	roles: readonly [number, number, number, number];
	/** Submitted responses in the first and the second round. */
	responses: readonly [number, number];
	/** How many people the department's link goes to in each round (response rates 40-90%). */
	invited: number;
	/** The language the department's link gives its respondents, when not their own. */
	locale?: Locale;
	/** Extra movement in the second round, on top of the roadmap's effect. */
	trend?: number;
}

/**
 * Twelve departments: Digital Channels and Customer Service clearly ahead, Legal & Compliance,
 * Finance and Network Planning behind. Legal & Compliance, HR and Finance answer in numbers
 * below the anonymity threshold (5) in the second round (HR already in the first), so the
 * dashboard hides them.
 */
export const DEPARTMENTS: readonly DemoDepartment[] = [
	{
		name: 'Customer Service',
		locale: 'bg',
		level: 0.45,
		areas: { 'service-emotion': 0.3, 'voice-of-customer': 0.25, 'customer-understanding': 0.2 },
		roles: [0.03, 0.15, 0.64, 0.18],
		responses: [62, 74],
		invited: 104,
		trend: 0.1
	},
	{
		name: 'Billing',
		locale: 'ro',
		level: -0.05,
		areas: { 'data-technology': -0.25, 'service-emotion': -0.15 },
		roles: [0.04, 0.2, 0.36, 0.4],
		responses: [32, 37],
		invited: 56
	},
	{
		name: 'Field Operations',
		locale: 'uk',
		level: -0.1,
		areas: { 'data-technology': -0.3, 'culture-people': 0.15 },
		roles: [0.04, 0.18, 0.65, 0.13],
		responses: [34, 40],
		invited: 80
	},
	{
		name: 'Digital Channels',
		locale: 'ru',
		level: 0.6,
		areas: { 'data-technology': 0.45, 'journeys-touchpoints': 0.4, measurement: 0.25 },
		roles: [0.08, 0.25, 0.3, 0.37],
		responses: [25, 28],
		invited: 31,
		trend: 0.05
	},
	{
		name: 'Marketing',
		level: 0.3,
		areas: { 'customer-understanding': 0.4, 'strategy-vision': 0.2, 'service-emotion': -0.1 },
		roles: [0.1, 0.3, 0.2, 0.4],
		responses: [18, 20],
		invited: 24
	},
	{
		name: 'Sales',
		level: 0.1,
		areas: { 'customer-understanding': 0.15, measurement: 0.1, governance: -0.1 },
		roles: [0.08, 0.25, 0.5, 0.17],
		responses: [22, 26],
		invited: 37
	},
	{
		name: 'Network Planning',
		level: -0.3,
		areas: { 'customer-understanding': -0.25, 'voice-of-customer': -0.2 },
		roles: [0.08, 0.3, 0.2, 0.42],
		responses: [15, 18],
		invited: 31
	},
	{
		name: 'Legal & Compliance',
		level: -0.7,
		areas: { governance: 0.25, 'journeys-touchpoints': -0.2 },
		roles: [0.15, 0.35, 0, 0.5],
		responses: [6, 3],
		invited: 7
	},
	{
		name: 'HR',
		level: -0.2,
		areas: { 'culture-people': 0.3 },
		roles: [0.1, 0.3, 0, 0.6],
		responses: [4, 2],
		invited: 5
	},
	{
		name: 'Finance',
		level: -0.3,
		areas: { measurement: 0.2, 'service-emotion': -0.2 },
		roles: [0.1, 0.3, 0, 0.6],
		responses: [7, 4],
		invited: 9
	},
	{
		name: 'IT',
		level: 0.05,
		areas: { 'data-technology': 0.35, 'customer-understanding': -0.2 },
		roles: [0.06, 0.24, 0.2, 0.5],
		responses: [21, 24],
		invited: 36
	},
	{
		name: 'Complaints Resolution',
		level: 0.2,
		areas: { 'voice-of-customer': 0.3, 'service-emotion': 0.15, 'strategy-vision': -0.15 },
		roles: [0.03, 0.16, 0.6, 0.21],
		responses: [34, 44],
		invited: 56,
		trend: 0.15
	}
];

/** Evidence notes, per area: `low` fit answers at stage 1-2, `high` answers at stage 3-4. */
export const NOTES: Readonly<Record<string, { low: readonly string[]; high: readonly string[] }>> =
	{
		'strategy-vision': {
			low: [
				'There is a CX slide in the strategy deck, but nobody mentions it after the kick-off.',
				'Each department has its own priorities; customer goals are not among them.',
				"We could not say which customer goal this year's budget supports."
			],
			high: ['The customer goals are on the first page of the annual plan and reviewed quarterly.']
		},
		'customer-understanding': {
			low: [
				'Most of what we know about customers comes from the billing system.',
				'The frontline hears a lot, but it never reaches the product teams.',
				'The last customer research was done before the smart-meter rollout.'
			],
			high: ['Managers take turns interviewing customers every month.']
		},
		'journeys-touchpoints': {
			low: [
				'Moving house is still a nightmare: three forms and two phone calls.',
				'Nobody owns a journey end to end; each team owns one screen.',
				'Customers repeat their story when they move from chat to phone.'
			],
			high: ['We mapped the new-connection journey and fixed its top five pain points.']
		},
		'voice-of-customer': {
			low: [
				'We only read complaints once a month.',
				'NPS is reported but nobody owns it.',
				'Survey comments go into a spreadsheet that nobody opens.'
			],
			high: ['Every detractor now gets a call back within 48 hours.']
		},
		measurement: {
			low: [
				'We count calls handled, not problems solved.',
				'The CX dashboard exists, but finance never looks at it.',
				'No one can say what a lost customer costs us.'
			],
			high: ['Churn and NPS are in the same monthly report now.']
		},
		'culture-people': {
			low: [
				'Back-office teams never meet a customer.',
				'Our targets reward speed, not fixing the problem.',
				'Good service stories are shared in the corridor, never recognised.'
			],
			high: ['Managers listen to recorded calls with their teams every week.']
		},
		'data-technology': {
			low: [
				'Agents switch between four systems to answer one billing question.',
				'Meter data and contact history live in separate databases.',
				'Half of the e-mail addresses in the CRM are out of date.'
			],
			high: ["The new app shows every agent the customer's full history."]
		},
		'service-emotion': {
			low: [
				'Outage updates reach customers after they have already called us.',
				'Compensation depends on which agent you happen to get.',
				'First-contact resolution is below 60% for billing queries.'
			],
			high: ['We now warn customers before planned outages, by SMS.']
		},
		governance: {
			low: [
				'Every director agrees CX matters, but nobody has a budget for it.',
				'Decisions that affect customers are made without asking the contact centre.',
				'The CX working group met twice and then stopped.'
			],
			high: ['A named executive sponsor reviews the CX priorities every month.']
		}
	};

/** A handful of notes written in Bulgarian or Romanian by respondents from those offices. */
export const LOCAL_NOTES: Readonly<Record<string, readonly string[]>> = {
	'voice-of-customer': ['Жалбите се разглеждат само веднъж месечно.', 'Никой не отговаря за NPS.'],
	'journeys-touchpoints': ['Клиентите трябва да повтарят проблема си при всяко обаждане.'],
	'service-emotion': ['Clienții trebuie să sune de mai multe ori pentru aceeași problemă.'],
	'data-technology': ['Datele despre clienți sunt împrăștiate în mai multe sisteme.'],
	governance: ['Nu există un responsabil clar pentru experiența clientului.']
};
