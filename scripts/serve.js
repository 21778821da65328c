// Starts the built server. adapter-node assumes https when ORIGIN is not set, which makes every
// form post from http://localhost fail its same-origin check; on one machine without a proxy the
// origin is where we listen, so default ORIGIN to that.
const port = process.env.PORT || '3000';
const host = process.env.HOST || '0.0.0.0';
process.env.ORIGIN ||= `http://${host === '0.0.0.0' || host === '::' ? 'localhost' : host}:${port}`;
// adapter-node refuses request bodies over 512 kB by default; a model file (the shipped one is
// about 1.7 MB) is imported as a form upload of up to 3 MB (lib/server/model-editor.ts).
process.env.BODY_SIZE_LIMIT ||= '4M';
const redact = (url) => url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
const database = process.env.DATABASE_URL
	? `PostgreSQL ${redact(process.env.DATABASE_URL)}`
	: process.env.DATABASE_PATH || 'db/cx-maturity.sqlite';
console.log(`CX maturity on ${process.env.ORIGIN} (database ${database})`);
try {
	await import('../build/index.js');
} catch (error) {
	// A database that cannot be opened for a reason the operator can fix (read-only file or
	// directory, a directory that cannot be created) is one sentence, not a stack trace.
	if (error instanceof Error && 'code' in error && error.code === 'CX_DATABASE_OPEN') {
		console.error(error.message);
		process.exit(1);
	}
	throw error;
}
