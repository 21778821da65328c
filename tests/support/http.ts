/**
 * A small HTTP client for integration tests against the built server: keeps cookies like a browser
 * (only what the tests need: name=value, removal on Max-Age=0 or an expired date), never follows
 * redirects, and posts forms the way a browser does, with an Origin header so SvelteKit's CSRF
 * check passes.
 *
 *   const client = new Client(inject('baseURL'));
 *   const res = await client.post('/signin', { email, password });  // 303 with a location
 *   const json = await client.action('/account?/changePassword', { ... }); // as use:enhance does
 */
export interface ActionResult {
	type: 'success' | 'failure' | 'redirect' | 'error';
	status: number;
	location?: string;
	/** devalue-encoded; tests assert on type, status and location instead. */
	data?: string;
}

export class Client {
	readonly cookies = new Map<string, string>();

	constructor(
		readonly baseURL: string,
		private readonly origin = baseURL
	) {}

	async get(path: string, headers: Record<string, string> = {}): Promise<Response> {
		return this.request(path, { method: 'GET', headers: { accept: 'text/html', ...headers } });
	}

	/** A plain form post, as a browser without JavaScript sends it; answers with HTML or a redirect. */
	async post(
		path: string,
		fields: Record<string, string> = {},
		headers: Record<string, string> = {}
	): Promise<Response> {
		return this.request(path, {
			method: 'POST',
			headers: {
				'content-type': 'application/x-www-form-urlencoded',
				origin: this.origin,
				accept: 'text/html',
				...headers
			},
			body: new URLSearchParams(fields).toString()
		});
	}

	/** A form post as `use:enhance` sends it: SvelteKit answers with an ActionResult in JSON. */
	async action(path: string, fields: Record<string, string> = {}): Promise<ActionResult> {
		const res = await this.post(path, fields, {
			accept: 'application/json',
			'x-sveltekit-action': 'true'
		});
		return (await res.json()) as ActionResult;
	}

	/**
	 * A post with any body and content type (none when `contentType` is null), with the Origin a
	 * same-origin browser page sends: for requests a form never makes.
	 */
	async postRaw(
		path: string,
		body: string,
		contentType: string | null,
		headers: Record<string, string> = {}
	): Promise<Response> {
		return this.request(path, {
			method: 'POST',
			headers: {
				...(contentType ? { 'content-type': contentType } : {}),
				origin: this.origin,
				accept: 'text/html',
				...headers
			},
			// Bytes, so fetch adds no content type of its own.
			body: new TextEncoder().encode(body)
		});
	}

	/** The value of a cookie this client holds, if any. */
	cookie(name: string): string | undefined {
		return this.cookies.get(name);
	}

	/** A second client that starts with the same cookies (another tab of the same browser). */
	clone(): Client {
		const copy = new Client(this.baseURL, this.origin);
		for (const [name, value] of this.cookies) copy.cookies.set(name, value);
		return copy;
	}

	private async request(path: string, init: RequestInit): Promise<Response> {
		const headers = new Headers(init.headers);
		if (this.cookies.size > 0) {
			headers.set(
				'cookie',
				[...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ')
			);
		}
		const url = new URL(path, this.baseURL);
		let res: Response;
		try {
			res = await fetch(url, { ...init, headers, redirect: 'manual' });
		} catch (error) {
			// A kept-alive connection that the server closed as idle just as the request went out
			// ("other side closed", more frequent on a busy machine): a GET asks once more, on a new
			// connection, as a browser does. Anything else, and any other method, fails the test.
			const method = (init.method ?? 'GET').toUpperCase();
			const code = (error as { cause?: { code?: string } }).cause?.code;
			if (method !== 'GET' || code !== 'UND_ERR_SOCKET') throw error;
			res = await fetch(url, { ...init, headers, redirect: 'manual' });
		}
		this.store(res.headers.getSetCookie());
		return res;
	}

	private store(setCookies: string[]): void {
		for (const header of setCookies) {
			const [pair = '', ...attributes] = header.split(';');
			const at = pair.indexOf('=');
			if (at < 0) continue;
			const name = pair.slice(0, at).trim();
			const value = pair.slice(at + 1).trim();
			const expired = attributes.some((a) => {
				const [key = '', v = ''] = a.trim().split('=');
				if (key.toLowerCase() === 'max-age') return Number(v) <= 0;
				if (key.toLowerCase() === 'expires') return Date.parse(v) <= Date.now();
				return false;
			});
			if (expired || value === '') this.cookies.delete(name);
			else this.cookies.set(name, value);
		}
	}
}
