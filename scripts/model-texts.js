// Moves a model's texts in one language out of the model file and back, so a translator or a
// reviewer works on a flat list instead of the nested model (docs/model.md, section 8).
//
//   node scripts/model-texts.js export db/models/cx-maturity-1.1.0.json bg > bg.json
//   node scripts/model-texts.js import db/models/cx-maturity-1.1.0.json bg bg.json
//
// The exported file maps a stable key (built from ids, e.g.
// `areas/strategy-vision/questions/sv-goals/levels/2`) to the English text and the language's text
// (empty where none exists yet). `import` writes the language's texts into the model, only where
// the English in the file is still the model's English: a text whose English changed since the
// export is reported as stale and left out, so a translation never silently describes an older
// statement. It refuses unknown keys and empty texts, and changes nothing when it refuses.
import { readFileSync, writeFileSync } from 'node:fs';

const LANGUAGES = ['bg', 'ru', 'ro', 'uk'];

/**
 * Every translatable text of a model with its key, in file order.
 * @param {any} model
 * @returns {Array<[string, Record<string, string>]>}
 */
export function modelTexts(model) {
	/** @type {Array<[string, Record<string, string>]>} */
	const out = [];
	/** @param {any} node @param {string} key */
	const walk = (node, key) => {
		if (Array.isArray(node)) {
			node.forEach((item, i) =>
				walk(item, `${key}/${item && typeof item.id !== 'undefined' ? item.id : i + 1}`)
			);
		} else if (node && typeof node === 'object') {
			if (typeof node.en === 'string') {
				out.push([key, node]);
				return;
			}
			for (const [name, value] of Object.entries(node)) {
				if (name === 'changelog' || name === 'sources') continue;
				walk(value, key ? `${key}/${name}` : name);
			}
		}
	};
	walk(model, '');
	return out;
}

/** @param {string} message */
function fail(message) {
	console.error(message);
	process.exit(1);
}

const [command, modelFile, language, textsFile] = process.argv.slice(2);
if (
	!['export', 'import'].includes(command ?? '') ||
	!modelFile ||
	!LANGUAGES.includes(language ?? '')
)
	fail(
		`Usage: node scripts/model-texts.js export <model.json> <${LANGUAGES.join('|')}>\n` +
			`       node scripts/model-texts.js import <model.json> <${LANGUAGES.join('|')}> <texts.json>`
	);
const lang = /** @type {string} */ (language);
const source = readFileSync(/** @type {string} */ (modelFile), 'utf8');
const model = JSON.parse(source);
const texts = modelTexts(model);

if (command === 'export') {
	/** @type {Record<string, { en: string } & Record<string, string>>} */
	const flat = {};
	for (const [key, text] of texts) flat[key] = { en: text.en, [lang]: text[lang] ?? '' };
	console.log(JSON.stringify(flat, null, '\t'));
} else {
	if (!textsFile) fail('import needs the texts file');
	/** @type {Record<string, Record<string, unknown>>} */
	const flat = JSON.parse(readFileSync(/** @type {string} */ (textsFile), 'utf8'));
	const byKey = new Map(texts);
	const problems = [];
	const stale = [];
	/** @type {Array<[Record<string, string>, string]>} */
	const writes = [];
	for (const [key, entry] of Object.entries(flat)) {
		const target = byKey.get(key);
		const value = entry?.[lang];
		if (!target) problems.push(`${key}: no such text in the model`);
		else if (typeof value !== 'string' || !value.trim())
			problems.push(`${key}: empty ${lang} text`);
		else if (entry.en !== target.en) stale.push(key);
		else writes.push([target, value.trim()]);
	}
	if (problems.length) fail(`Nothing imported:\n${problems.join('\n')}`);
	for (const [target, value] of writes) target[lang] = value;
	const missing = texts.filter(([, text]) => !text[lang]).map(([key]) => key);
	const indent = source.match(/\n(\s+)"/)?.[1] ?? '\t';
	writeFileSync(/** @type {string} */ (modelFile), `${JSON.stringify(model, null, indent)}\n`);
	console.log(
		`${writes.length} ${lang} texts written; ${stale.length} stale (English changed since export); ${missing.length} of ${texts.length} still without ${lang}.`
	);
	for (const key of stale) console.log(`stale: ${key}`);
}
