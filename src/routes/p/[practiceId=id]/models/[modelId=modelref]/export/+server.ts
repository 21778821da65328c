import { contentDisposition } from '$lib/server/download';
import { loadEditedVersion } from '$lib/server/model-editor-page';
import type { RequestHandler } from './$types';

/** A visible version as a JSON file, the form an import takes back. */
export const GET: RequestHandler = async ({ locals, url, params }) => {
	const { version } = await loadEditedVersion(locals, url, params);
	const body = JSON.stringify(version.model, null, '\t') + '\n';
	return new Response(body, {
		headers: {
			'content-type': 'application/json; charset=utf-8',
			'content-disposition': contentDisposition(`${version.key}-${version.version}.json`),
			'cache-control': 'private, no-store',
			'x-content-type-options': 'nosniff'
		}
	});
};
