/**
 * The OpenAPI file (docs/openapi.json) and the API's routes agree: every endpoint under
 * src/routes/api/v1 is described, every described path has an endpoint, and each path names its
 * parameters. The catch-all `[...path]` (a JSON 404 for any other address) is the one route left out.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = 'src/routes/api/v1';
const CATCH_ALL = '/[...path]';

interface Spec {
	openapi: string;
	servers: Array<{ url: string }>;
	paths: Record<string, Record<string, { parameters?: Array<{ $ref?: string; name?: string }> }>>;
	components: { parameters: Record<string, { name: string; in: string }> };
}
const spec = JSON.parse(readFileSync('docs/openapi.json', 'utf8')) as Spec;

/** Every directory with a +server.ts under the API, as a route path: `/organisations/[orgId]`. */
function endpoints(dir = ROOT): string[] {
	const found: string[] = [];
	for (const entry of readdirSync(dir)) {
		const path = join(dir, entry);
		if (statSync(path).isDirectory()) found.push(...endpoints(path));
		else if (entry === '+server.ts') found.push('/' + relative(ROOT, dir).split('\\').join('/'));
	}
	return found;
}

/** `/organisations/[orgId]` → `/organisations/{orgId}`; matchers are not allowed in the API. */
const toOpenApi = (route: string) => route.replace(/\[(\w+)\]/g, '{$1}');

describe('docs/openapi.json', () => {
	it('is OpenAPI 3.1 for /api/v1', () => {
		expect(spec.openapi).toBe('3.1.0');
		expect(spec.servers).toEqual([{ url: '/api/v1' }]);
	});

	it('describes every route under src/routes/api/v1, and no other', () => {
		const routes = endpoints().filter((r) => r !== CATCH_ALL);
		expect(routes.length).toBeGreaterThan(4);
		for (const route of routes) expect(route, 'no param matchers in the API').not.toMatch(/=/);
		expect(routes.map(toOpenApi).sort()).toEqual(Object.keys(spec.paths).sort());
		expect(endpoints()).toContain(CATCH_ALL);
	});

	it('each endpoint exports GET and a fallback (405), and only those', () => {
		for (const route of endpoints()) {
			const source = readFileSync(join(ROOT, route, '+server.ts'), 'utf8');
			const exported = [...source.matchAll(/export const (\w+)/g)].map((m) => m[1]).sort();
			expect(exported, route).toEqual(['GET', 'fallback']);
		}
		for (const [path, item] of Object.entries(spec.paths))
			expect(Object.keys(item), path).toEqual(['get']);
	});

	it('names every path parameter of a path, and only those', () => {
		for (const [path, item] of Object.entries(spec.paths)) {
			const inPath = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
			const declared = (item.get!.parameters ?? [])
				.map((p) => (p.$ref ? spec.components.parameters[p.$ref.split('/').pop()!]! : p))
				.filter((p) => (p as { in: string }).in === 'path')
				.map((p) => (p as { name: string }).name)
				.sort();
			expect(declared, path).toEqual(inPath);
		}
	});

	it('every $ref points at something that exists', () => {
		const text = JSON.stringify(spec);
		for (const [, ref] of text.matchAll(/"\$ref":"#\/([^"]+)"/g)) {
			let node: unknown = spec;
			for (const key of ref!.split('/')) node = (node as Record<string, unknown>)?.[key];
			expect(node, ref).toBeDefined();
		}
	});
});
