/**
 * `npm run calibrate [-- --kit <dir>] [--model 1.1.0 | --model <file.json>] [--answers <dir>]
 * [--intended <file>] [--detail]`: scores a calibration kit's stored rater answers
 * (<kit>/answers/<profile>.<rater>.json) under every stage rule of src/lib/domain/calibration.ts and
 * prints how close they come to the intended stages (<kit>/intended.json) and to each other. The kit
 * is tests/calibration unless --kit names another directory holding profiles/, intended.json and
 * answers/, such as the holdout (tests/calibration/holdout); --answers and --intended override the
 * kit's own. See tests/calibration/README.md.
 *
 * The model is the version the answer files name unless --model says otherwise: 1.0.0 is
 * db/models/cx-maturity.json, any other version db/models/cx-maturity-<version>.json.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseModel } from '$lib/domain/model';
import {
	AIM,
	STAGE_RULES,
	answerAgreement,
	answerMix,
	calibrationModelSchema,
	checkRaterAnswers,
	intendedSchema,
	meetsStageAim,
	rateAnswers,
	raterAnswersSchema,
	raterPairs,
	ruleFigures,
	worstQuestions,
	type CalibrationModel,
	type Intended,
	type RaterAnswers,
	type Share
} from '$lib/domain/calibration';

const KIT = 'tests/calibration';
const USAGE =
	'usage: npm run calibrate -- [--kit <dir>] [--model <version|file.json>] [--answers <dir>] [--intended <file>] [--detail]';
const MODELS = 'db/models';
const DEFAULT_MODEL_FILE = `${MODELS}/cx-maturity.json`;

/** A refusal the person running the script can act on; run-ts.mjs prints only its message. */
class OperatorError extends Error {
	override name = 'OperatorError';
}

export interface Options {
	/** The kit directory: profiles/, intended.json and answers/. */
	kit: string;
	model?: string;
	answers: string;
	intended: string;
	detail: boolean;
}

/**
 * The command line as options. The answers and intended stages are the kit's own unless --answers or
 * --intended name others, in any order with --kit.
 */
export function parseArgs(args: string[]): Options {
	let kit = KIT;
	let answers: string | undefined;
	let intended: string | undefined;
	let model: string | undefined;
	let detail = false;
	for (let i = 0; i < args.length; i++) {
		const arg = args[i];
		const value = () => {
			const next = args[++i];
			if (next === undefined || next.startsWith('--'))
				throw new OperatorError(`${arg} needs a value`);
			return next;
		};
		if (arg === '--kit') kit = value();
		else if (arg === '--model') model = value();
		else if (arg === '--answers') answers = value();
		else if (arg === '--intended') intended = value();
		else if (arg === '--detail') detail = true;
		else throw new OperatorError(`unknown argument ${arg}\n${USAGE}`);
	}
	return {
		kit,
		...(model === undefined ? {} : { model }),
		answers: answers ?? join(kit, 'answers'),
		intended: intended ?? join(kit, 'intended.json'),
		detail
	};
}

function readJson(path: string, what: string): unknown {
	try {
		return JSON.parse(readFileSync(path, 'utf8'));
	} catch (error) {
		throw new OperatorError(
			`Cannot read ${what} ${path}: ${error instanceof Error ? error.message : String(error)}`
		);
	}
}

function readAnswers(dir: string): RaterAnswers[] {
	if (!existsSync(dir))
		throw new OperatorError(
			`There are no rater answers yet: ${dir} does not exist. See ${KIT}/README.md for how raters are run.`
		);
	const names = readdirSync(dir)
		.filter((n) => n.endsWith('.json'))
		.sort();
	if (names.length === 0)
		throw new OperatorError(
			`There are no rater answers yet in ${dir}. See ${KIT}/README.md for how raters are run.`
		);
	return names.map((name) => {
		const parsed = raterAnswersSchema.safeParse(readJson(join(dir, name), 'answer file'));
		if (!parsed.success)
			throw new OperatorError(
				`${join(dir, name)} is not a rater answer file:\n${parsed.error.issues
					.map((i) => `  ${i.path.join('.') || '(root)'}: ${i.message}`)
					.join('\n')}`
			);
		const expected = `${parsed.data.profile}.${parsed.data.rater}.json`;
		if (name !== expected)
			throw new OperatorError(`${join(dir, name)} answers for ${expected}; rename it or fix it.`);
		return parsed.data;
	});
}

/** The model file for `--model` (a version or a path), or for the version the answers name. */
function modelFile(option: string | undefined, files: RaterAnswers[]): string {
	if (option?.endsWith('.json')) {
		if (!existsSync(option)) throw new OperatorError(`There is no model file ${option}.`);
		return option;
	}
	let version = option;
	if (version === undefined) {
		const named = [...new Set(files.map((f) => f.model))];
		if (named.length !== 1)
			throw new OperatorError(
				`The answer files name models ${named.join(', ')}; choose one with --model <version>.`
			);
		version = named[0]!;
	}
	if (!/^\d+\.\d+\.\d+$/.test(version))
		throw new OperatorError(
			`--model takes a version like 1.1.0 or a .json file, not "${version}".`
		);
	const versioned = `${MODELS}/cx-maturity-${version}.json`;
	if (existsSync(versioned)) return versioned;
	const shipped = calibrationModelSchema.safeParse(readJson(DEFAULT_MODEL_FILE, 'model'));
	if (shipped.success && shipped.data.version === version) return DEFAULT_MODEL_FILE;
	throw new OperatorError(
		`Model ${version} is not in this checkout: expected ${versioned}` +
			(shipped.success ? ` (${DEFAULT_MODEL_FILE} is ${shipped.data.version})` : '') +
			'. Pass --model <file.json> to use another file.'
	);
}

function loadModel(path: string): CalibrationModel {
	const raw = readJson(path, 'model');
	const parsed = calibrationModelSchema.safeParse(raw);
	if (!parsed.success)
		throw new OperatorError(
			`${path} has no usable areas and questions:\n${parsed.error.issues
				.map((i) => `  ${i.path.join('.')}: ${i.message}`)
				.join('\n')}`
		);
	const full = parseModel(raw);
	if (!full.ok)
		console.log(
			`Note: ${path} does not pass this checkout's model schema (${full.errors.length} problems, first: ${full.errors[0]}); the calibration reads only its areas, weights and question ids.\n`
		);
	return parsed.data;
}

function loadIntended(path: string, model: CalibrationModel): Intended {
	const parsed = intendedSchema.safeParse(readJson(path, 'intended stages'));
	if (!parsed.success)
		throw new OperatorError(
			`${path} is not a file of intended stages:\n${parsed.error.issues
				.map((i) => `  ${i.path.join('.')}: ${i.message}`)
				.join('\n')}`
		);
	const areaIds = new Set(model.areas.map((a) => a.id));
	for (const [profile, areas] of Object.entries(parsed.data)) {
		const unknown = Object.keys(areas).filter((id) => !areaIds.has(id));
		const absent = [...areaIds].filter((id) => !(id in areas));
		if (unknown.length > 0 || absent.length > 0)
			throw new OperatorError(
				`${path}: the areas of ${profile} do not match model ${model.version}` +
					(unknown.length ? `; not in the model: ${unknown.join(', ')}` : '') +
					(absent.length ? `; missing: ${absent.join(', ')}` : '')
			);
	}
	return parsed.data;
}

const pct = (s: Share) => (s.share === null ? '-' : `${(s.share * 100).toFixed(1)} %`);
const counted = (s: Share) => `${pct(s)} (${s.count} of ${s.of})`;
const signed = (n: number | null) =>
	n === null ? '-' : `${n >= 0 ? '+' : '−'}${Math.abs(n).toFixed(2)}`;
const yes = (ok: boolean) => (ok ? 'yes' : 'no');

function table(rows: string[][]): string {
	const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
	return rows
		.map((r) =>
			r
				.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!)))
				.join('  ')
				.trimEnd()
		)
		.join('\n');
}

export default function calibrate(args: string[]): void {
	const options = parseArgs(args);
	if (!existsSync(options.kit))
		throw new OperatorError(
			`There is no calibration kit ${options.kit}: --kit takes a directory holding profiles/, intended.json and answers/.`
		);
	const files = readAnswers(resolve(options.answers));
	const path = modelFile(options.model, files);
	const model = loadModel(path);
	const problems = files.flatMap((f) =>
		checkRaterAnswers(model, f).map((p) => `${f.profile}.${f.rater}.json: ${p}`)
	);
	if (problems.length > 0)
		throw new OperatorError(`The answers do not fit ${path}:\n  ${problems.join('\n  ')}`);
	const intended = loadIntended(options.intended, model);
	const without = [...new Set(files.map((f) => f.profile))].filter((p) => !(p in intended));
	if (without.length > 0)
		throw new OperatorError(
			`${options.intended} has no intended stages for ${without.join(', ')}.`
		);

	const rated = files.map((f) => rateAnswers(model, f));
	const pairs = raterPairs(files);
	const mix = answerMix(model, files);
	const agreement = answerAgreement(model, files);
	const questionCount = model.areas.reduce((n, a) => n + a.questions.length, 0);

	console.log(
		`Calibration of model ${model.version} (${path}) on ${options.answers}: ${files.length} answer files, ` +
			`${new Set(files.map((f) => f.profile)).size} profiles, ${pairs.length} pairs of raters, ` +
			`${model.areas.length} areas, ${questionCount} questions.`
	);
	const unpaired = files.filter((f) => !pairs.some((p) => p.profile === f.profile));
	if (unpaired.length > 0)
		console.log(
			`Without a second rater: ${unpaired.map((f) => `${f.profile}.${f.rater}`).join(', ')}`
		);

	console.log('\nAnswers');
	console.log(
		`  don't know      ${counted(mix.dontKnow)}   aim ≤ ${AIM.dontKnow * 100} %: ${yes((mix.dontKnow.share ?? 1) <= AIM.dontKnow)}`
	);
	console.log(`  not applicable  ${counted(mix.notApplicable)}`);
	if (mix.missing > 0)
		console.log(`  missing         ${mix.missing} (raters should answer every question)`);
	console.log(
		`  same answer, per question, between the two raters of a profile: ${counted(agreement.overall)}   aim ≥ ${AIM.answerAgreement * 100} %: ${yes((agreement.overall.share ?? 0) >= AIM.answerAgreement)}`
	);
	const worst = worstQuestions(agreement, 8);
	if (worst.length > 0) {
		console.log('  least agreed questions:');
		for (const q of worst)
			console.log(`    ${q.questionId.padEnd(28)} ${q.agreed.count} of ${q.agreed.of} pairs`);
	}

	const figures = STAGE_RULES.map((rule) => ruleFigures(model, rated, intended, rule.id));
	console.log('\nArea stages against the intended stage, per stage rule');
	console.log(
		table([
			['rule', 'exact', 'within one', 'signed error', 'no stage', 'raters agree', 'aim met'],
			...figures.map((f, i) => [
				STAGE_RULES[i]!.label,
				counted(f.exact),
				pct(f.withinOne),
				signed(f.signedError),
				String(f.noStage),
				counted(f.raterAgreement),
				yes(meetsStageAim(f))
			])
		])
	);
	console.log(
		`Aim: exact ≥ ${AIM.exact * 100} %, within one ≥ ${AIM.withinOne * 100} %, signed error within ±${AIM.signedError} in every area.`
	);

	console.log('\nMean signed error per area (computed − intended; negative reads low)');
	console.log(
		table([
			['area', ...STAGE_RULES.map((r) => r.id)],
			...model.areas.map((a) => [
				a.id,
				...figures.map((f) => signed(f.signedErrorByArea[a.id] ?? null))
			])
		])
	);

	if (options.detail) {
		console.log("\nPer profile: intended stage, then each rater's levels, mean and stage per rule");
		for (const file of rated) {
			console.log(
				`\n${file.profile} (rater ${file.rater}), overall mean ${file.overallMean?.toFixed(2) ?? '-'}`
			);
			console.log(
				table([
					['area', 'intended', 'levels', 'mean', ...STAGE_RULES.map((r) => r.id)],
					...file.areas.map((a) => [
						a.areaId,
						String(intended[file.profile]?.[a.areaId]?.stage ?? '-'),
						a.levels.join(' ') +
							(a.dontKnow ? ` ?×${a.dontKnow}` : '') +
							(a.notApplicable ? ` n/a×${a.notApplicable}` : ''),
						a.mean === null ? '-' : a.mean.toFixed(2),
						...STAGE_RULES.map((r) => String(a.stages[r.id] ?? '-'))
					])
				])
			);
		}
	}
}
