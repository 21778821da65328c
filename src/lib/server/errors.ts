/** One line naming an error and its causes: `Error: SQLITE_FULL: database or disk is full`. */
export function describeErrorChain(error: unknown): string {
	const parts: string[] = [];
	const seen = new Set<unknown>();
	for (let e: unknown = error; e !== undefined && e !== null && !seen.has(e);) {
		seen.add(e);
		if (e instanceof Error) {
			const code = 'code' in e && typeof e.code === 'string' ? e.code : '';
			const text = code && !e.message.startsWith(code) ? `${code}: ${e.message}` : e.message;
			parts.push(`${e.name}: ${text}`);
			e = e.cause;
		} else {
			parts.push(String(e));
			break;
		}
	}
	return parts.join(' <- caused by ');
}
