/**
 * A page's `__data.json`, as SvelteKit sends it to the browser, read and decoded for the integration
 * tests that check what a `load` returns (and what it must not carry). One node per layout and the
 * page; a node is `data` (devalue-encoded), `skip` (unchanged) or `error` (the load refused).
 */
import { unflatten } from 'devalue';
import type { Client } from './http';

export interface PageDataBody {
	type: string;
	nodes?: Array<{ type: string; data?: unknown[] } | null>;
}

type Decoded = Record<string, unknown>;

/** The address of a page's data: `__data.json` after the path, before any query string. */
export function dataUrl(path: string): string {
	const [pathname, query] = path.split('?');
	return `${pathname!.replace(/\/$/, '')}/__data.json${query === undefined ? '' : `?${query}`}`;
}

/** GETs a page's data: the HTTP status and, when it is 200, the body. */
export async function fetchPageData(
	client: Client,
	path: string
): Promise<{ status: number; body: PageDataBody | null }> {
	const res = await client.get(dataUrl(path), { accept: 'application/json' });
	if (res.status !== 200) {
		await res.text();
		return { status: res.status, body: null };
	}
	return { status: 200, body: (await res.json()) as PageDataBody };
}

/** Whether the load refused: not a data answer, or an error node in place of a load's data. */
export function isRefusal(body: PageDataBody): boolean {
	return body.type !== 'data' || (body.nodes ?? []).some((n) => n?.type === 'error');
}

/** Every node decoded, in order; null where a node carries no data (skipped, error, absent). */
export function decodeNodes(body: PageDataBody): Array<Decoded | null> {
	return (body.nodes ?? []).map((n) =>
		n?.type === 'data' && n.data ? (unflatten(n.data) as Decoded) : null
	);
}

/** Only the nodes that carry data, decoded, in order (the root layout first, the page last). */
export function dataNodes(body: PageDataBody): Decoded[] {
	return decodeNodes(body).filter((n): n is Decoded => n !== null);
}

/** The page's own data (the last node), failing unless the page answered 200 with data. */
export async function pageOwnData(client: Client, path: string): Promise<Decoded> {
	const { status, body } = await fetchPageData(client, path);
	if (status !== 200 || !body) throw new Error(`${path}: __data.json answered ${status}`);
	const page = decodeNodes(body).at(-1);
	if (!page) throw new Error(`${path}: the page's node carries no data`);
	return page;
}
