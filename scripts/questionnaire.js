// Prints a model's questionnaire as Markdown, as a respondent sees it: the answering rule, then per
// area each question with its hint, its four statements and, where offered, "not applicable".
// The calibration kit's raters read this (tests/calibration/README.md).
//
//   node scripts/questionnaire.js db/models/cx-maturity-1.1.0.json > /tmp/questionnaire.md
import { readFileSync } from 'node:fs';

const file = process.argv[2];
if (!file) {
	console.error('Usage: node scripts/questionnaire.js <model.json>');
	process.exit(1);
}
/** @type {any} */
const model = JSON.parse(readFileSync(file, 'utf8'));
/** @param {{ en: string } | undefined} text */
const en = (text) => text?.en ?? '';

const lines = [`# ${en(model.name)} ${model.version}: questionnaire`, ''];
if (model.answeringRule) lines.push(`**How to answer.** ${en(model.answeringRule)}`, '');
lines.push(
	'Answer every question with the number of one statement (1-4), "dont-know" only as the rule above',
	'allows (no information on the topic at all, or where a hint says so), or "not-applicable" where the question offers it.',
	''
);
for (const area of model.areas) {
	lines.push(`## ${en(area.name)}`, '');
	for (const question of area.questions) {
		lines.push(`### \`${question.id}\`: ${en(question.text)}`, '');
		if (question.hint) lines.push(`_${en(question.hint)}_`, '');
		question.levels.forEach((/** @type {{ en: string }} */ level, /** @type {number} */ i) =>
			lines.push(`${i + 1}. ${en(level)}`)
		);
		if (question.notApplicable)
			lines.push(`- not-applicable: ${en(question.notApplicableHint) || 'offered'}`);
		lines.push('');
	}
}
console.log(lines.join('\n'));
