/**
 * The one form helper (`parseForm` in lib/server/forms.ts): one value per field name, absent fields
 * are missing, text and files as sent, and the first message per field.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
	changePasswordSchema,
	deleteAccountSchema,
	echo,
	signInSchema
} from '../../src/lib/server/auth/forms';
import {
	confirmNameSchema,
	nameField,
	parseForm,
	stepFormSchema,
	thresholdField
} from '../../src/lib/server/forms';

/** A FormData with the entries in order, repeated names included. */
function form(...entries: [string, string | File][]): FormData {
	const data = new FormData();
	for (const [name, value] of entries) data.append(name, value);
	return data;
}

const REPEATED = 'This form sent a field more than once. Reload the page and try again.';
const CHECK = 'Check the form and try again.';
const round = z.object({ name: nameField, threshold: thresholdField });
const area = { id: 'A', questions: [{ id: 'A1' }, { id: 'A2' }] };

describe('parseForm: valid input', () => {
	it('gives the schema output and ignores names the schema does not know', () => {
		const parsed = parseForm(round, form(['name', '  Q1  '], ['threshold', '7'], ['extra', 'x']));
		expect(parsed).toEqual({ ok: true, data: { name: 'Q1', threshold: 7 } });
	});

	it('reads the step form whole', () => {
		const parsed = parseForm(
			stepFormSchema(area),
			form(['q:A1', '3'], ['note:A1', 'why'], ['q:A2', 'dk'], ['target', '4'], ['go', 'next'])
		);
		expect(parsed).toEqual({
			ok: true,
			data: {
				answers: [
					{ questionId: 'A1', level: 3, note: 'why' },
					{ questionId: 'A2', level: null, note: '' }
				],
				target: { areaId: 'A', stage: 4 },
				clear: undefined
			}
		});
	});
});

describe('parseForm: a name sent more than once is refused', () => {
	it.each<[string, [string, string][], string]>([
		[
			'with two different values',
			[
				['name', 'A'],
				['name', 'B']
			],
			'name'
		],
		[
			'with the same value twice',
			[
				['name', 'A'],
				['name', 'A']
			],
			'name'
		],
		[
			'even when the name is not in the schema',
			[
				['name', 'A'],
				['x', '1'],
				['x', '2']
			],
			'x'
		],
		[
			'even when the other fields are valid',
			[
				['name', 'A'],
				['threshold', '5'],
				['threshold', '6']
			],
			'threshold'
		]
	])('%s', (_, entries, field) => {
		const parsed = parseForm(round, form(...entries));
		expect(parsed).toEqual({ ok: false, errors: { [field]: REPEATED }, message: REPEATED });
	});

	it('refuses a repeated answer of the step form, not keeping the first or the last', () => {
		const parsed = parseForm(stepFormSchema(area), form(['q:A1', '1'], ['q:A1', '4']));
		expect(parsed).toEqual({ ok: false, errors: { 'q:A1': REPEATED }, message: REPEATED });
	});
});

describe('parseForm: missing fields', () => {
	it('gives the field its own message', () => {
		const parsed = parseForm(round, form(['threshold', '5']));
		expect(parsed).toEqual({
			ok: false,
			errors: { name: 'Enter a name.' },
			message: 'Enter a name.'
		});
	});

	it('says "check the form" for a check without a message of its own', () => {
		const parsed = parseForm(z.object({ userId: z.string().min(1) }), form());
		expect(parsed).toEqual({ ok: false, errors: { userId: CHECK }, message: CHECK });
	});

	it('reads an unticked checkbox (not sent at all) as absent', () => {
		const parsed = parseForm(deleteAccountSchema, form(['deletePassword', 'secret']));
		expect(parsed).toEqual({
			ok: true,
			data: { deletePassword: 'secret', deleteAnswers: false }
		});
		const ticked = parseForm(
			deleteAccountSchema,
			form(['deletePassword', 's'], ['deleteAnswers', 'yes'])
		);
		expect(ticked.ok && ticked.data.deleteAnswers).toBe(true);
	});

	it('saves nothing of a step form whose optional fields are all absent', () => {
		expect(parseForm(stepFormSchema(area), form())).toEqual({
			ok: true,
			data: { answers: [], target: undefined, clear: undefined }
		});
	});
});

describe('parseForm: wrong types', () => {
	const file = new File(['<svg/>'], 'name.svg', { type: 'image/svg+xml' });

	it('refuses a file where text is expected, with the field’s message', () => {
		const parsed = parseForm(round, form(['name', file], ['threshold', '5']));
		expect(parsed).toEqual({
			ok: false,
			errors: { name: 'Enter a name.' },
			message: 'Enter a name.'
		});
	});

	it('refuses text where a file is expected', () => {
		const logo = z.object({ logo: z.instanceof(File, { error: () => 'Choose a file.' }) });
		expect(parseForm(logo, form(['logo', 'not a file']))).toMatchObject({
			ok: false,
			errors: { logo: 'Choose a file.' }
		});
		const sent = parseForm(logo, form(['logo', file]));
		expect(sent.ok && sent.data.logo.name).toBe('name.svg');
	});

	it.each([
		['abc', 'Enter a whole number.'],
		['2.5', 'Enter a whole number.'],
		['1', "The threshold can't be below 3: smaller groups could be identified."],
		['51', 'Use at most 50.']
	])('refuses the threshold %j', (threshold, message) => {
		expect(parseForm(round, form(['name', 'Q1'], ['threshold', threshold]))).toEqual({
			ok: false,
			errors: { threshold: message },
			message
		});
	});

	it('refuses a level outside the choices of a question', () => {
		const parsed = parseForm(stepFormSchema(area), form(['q:A2', '5']));
		expect(parsed).toMatchObject({ ok: false, message: 'The value of "A2" is not valid.' });
	});
});

describe('parseForm: HTML and odd names', () => {
	it('keeps HTML in a name as typed (pages show it as text)', () => {
		const name = '<b>Org</b> <img src=x onerror=alert(1)>';
		expect(parseForm(z.object({ name: nameField }), form(['name', ` ${name} `]))).toEqual({
			ok: true,
			data: { name }
		});
	});

	it('ignores a field whose name is HTML', () => {
		const parsed = parseForm(z.object({ name: nameField }), form(['<script>', 'x'], ['name', 'A']));
		expect(parsed).toEqual({ ok: true, data: { name: 'A' } });
	});

	it('does not let a field named __proto__ stand in for a missing field', () => {
		const evil = new File(['x'], 'Evil Ltd');
		const parsed = parseForm(z.object({ name: nameField }), form(['__proto__', evil]));
		expect(parsed).toEqual({
			ok: false,
			errors: { name: 'Enter a name.' },
			message: 'Enter a name.'
		});
	});
});

describe('parseForm: messages', () => {
	it('gives the first message per field, and the first field’s as the message', () => {
		const parsed = parseForm(signInSchema, form(['email', 'not an email'], ['password', '']));
		expect(parsed).toEqual({
			ok: false,
			errors: {
				email: 'Enter an email address in the right format, like name@example.com.',
				password: 'Enter your password.'
			},
			message: 'Enter an email address in the right format, like name@example.com.'
		});
	});

	it('puts a check across fields under the field it names', () => {
		const parsed = parseForm(
			changePasswordSchema,
			form(
				['currentPassword', 'old'],
				['newPassword', 'a new password'],
				['confirmPassword', 'another']
			)
		);
		expect(parsed).toMatchObject({
			ok: false,
			errors: { confirmPassword: 'The two new passwords do not match.' }
		});
	});

	it('puts a check of the whole form under "form"', () => {
		const schema = z
			.object({ a: z.string(), b: z.string() })
			.refine((v) => v.a !== v.b, { error: () => 'Choose two different values.' });
		expect(parseForm(schema, form(['a', '1'], ['b', '1']))).toEqual({
			ok: false,
			errors: { form: 'Choose two different values.' },
			message: 'Choose two different values.'
		});
	});

	it('reports a later question’s note before its level, in the order of the page', () => {
		const parsed = parseForm(
			stepFormSchema(area),
			form(['q:A2', '9'], ['note:A2', 'x'.repeat(2001)])
		);
		expect(parsed).toMatchObject({
			ok: false,
			message: 'A note can have at most 2000 characters.'
		});
	});
});

describe('confirmNameSchema', () => {
	const mismatch = () => 'Type the name exactly.';
	const schema = confirmNameSchema('Café Ltd', mismatch);

	it.each([
		['the name', 'Café Ltd', true],
		['the name with spaces around it', '  Café Ltd ', true],
		['the name in another Unicode form', 'Cafe\u0301 Ltd', true],
		['another case', 'café ltd', false],
		['nothing', '', false]
	])('%s (%j): accepted %s', (_, typed, ok) => {
		const parsed = parseForm(schema, form(['confirm', typed]));
		expect(parsed.ok).toBe(ok);
		if (!parsed.ok) expect(parsed.message).toBe('Type the name exactly.');
	});

	it('refuses a missing field with the same message', () => {
		expect(parseForm(schema, form())).toMatchObject({
			ok: false,
			message: 'Type the name exactly.'
		});
	});
});

describe('echo', () => {
	it('gives back submitted text cut to its maximum, and nothing for a file or a missing field', () => {
		expect(echo('a@example.com')).toBe('a@example.com');
		expect(echo('x'.repeat(300))).toHaveLength(254);
		expect(echo('x'.repeat(300), 200)).toHaveLength(200);
		expect(echo(new File(['x'], 'f'))).toBe('');
		expect(echo(null)).toBe('');
	});
});
