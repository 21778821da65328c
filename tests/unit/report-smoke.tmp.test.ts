import { readFileSync, writeFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { parseModel } from '../../src/lib/domain/model';
import { teamResults } from '../../src/lib/domain/results';
import { buildReportPdf } from '../../src/lib/server/report';

it('smoke', async () => {
	const parsed = parseModel(JSON.parse(readFileSync('db/models/cx-maturity.json', 'utf8')));
	if (!parsed.ok) throw new Error('model');
	const model = parsed.value;
	const inputs = Array.from({ length: 8 }, (_, r) => ({
		answers: Object.fromEntries(model.areas.flatMap((a, ai) => a.questions.map((q, qi) => [q.id, (((r + ai + qi * (r % 3)) % 4) + 1) as 1 | 2 | 3 | 4]))),
		targets: Object.fromEntries(model.areas.map((a, ai) => [a.id, (((ai + r) % 2) + 3) as 3 | 4]))
	}));
	const results = teamResults(model, inputs);
	const t = performance.now();
	const bytes = await buildReportPdf({
		locale: 'en', model, results, team: true,
		organisation: { name: process.env.ORG ?? 'Acme Retail Group', logo: null, accentColor: process.env.ACCENT ?? '#0f3d5e' },
		round: { name: 'Leadership round, spring 2025', date: new Date('2025-04-15'), respondents: 8, departments: 3, anonymityThreshold: 5 }
	});
	console.log('ms', performance.now() - t, 'bytes', bytes.length);
	writeFileSync('/tmp/pdfwork/smoke.pdf', bytes);
	expect(bytes.length).toBeGreaterThan(1000);
});
