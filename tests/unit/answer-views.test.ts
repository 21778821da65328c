/**
 * The answer pages' views of a model (lib/server/answer-views.ts) are built once per model object
 * and language, answer what the domain's views answer, and keep no entry for a step that does not
 * exist; resume tokens are hashed as SHA-256 in hex (lib/server/db/ids.ts).
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { localize, type Locale } from '../../src/lib/domain/model';
import { answeringRuleOf, areaView } from '../../src/lib/domain/questionnaire';
import { answerOutline, stepView } from '../../src/lib/server/answer-views';
import { hashToken } from '../../src/lib/server/db/ids';
import { loadDefaultModelFile } from '../../src/lib/server/db/models';

const model = loadDefaultModelFile();
const LOCALES: Locale[] = ['en', 'bg', 'ru', 'ro', 'uk'];

describe('a step view', () => {
	it.each(LOCALES)('in %s: the area view, the short rule on step 1 only, built once', (locale) => {
		model.areas.forEach((area, i) => {
			const view = stepView(model, i + 1, locale);
			expect(view).toEqual({
				area: areaView(area, locale),
				answeringRule: i === 0 ? (answeringRuleOf(model, locale)?.short ?? null) : null
			});
			expect(stepView(model, i + 1, locale)).toBe(view);
		});
	});

	it('is null for a step the model does not have', () => {
		for (const step of [0, -1, model.areas.length + 1, 99999, Number.NaN])
			expect(stepView(model, step, 'en')).toBeNull();
	});

	it('belongs to its model object: another copy of the model builds its own', () => {
		const copy = structuredClone(model);
		copy.areas[0]!.name.en = 'Changed';
		expect(stepView(copy, 1, 'en')!.area.name).toBe('Changed');
		expect(stepView(model, 1, 'en')!.area.name).toBe(localize(model.areas[0]!.name, 'en'));
	});
});

describe('the outline', () => {
	it.each(LOCALES)('in %s: stages and areas with their question ids, built once', (locale) => {
		const outline = answerOutline(model, locale);
		expect(outline).toEqual({
			stages: model.stages.map((s) => ({ id: s.id, name: localize(s.name, locale) })),
			areas: model.areas.map((a) => ({
				id: a.id,
				name: localize(a.name, locale),
				questionIds: a.questions.map((q) => q.id)
			}))
		});
		expect(answerOutline(model, locale)).toBe(outline);
	});
});

describe('hashToken', () => {
	it.each([
		['abc', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
		['', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
		['rsjjj4lqv2fmqdmxmft34y4ylu2webhj', null],
		['ünï ☃', null]
	])('%j is its SHA-256 in lower-case hex', (token, known) => {
		const expected = known ?? createHash('sha256').update(Buffer.from(token, 'utf8')).digest('hex');
		expect(hashToken(token)).toBe(expected);
	});
});
