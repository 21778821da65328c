import { error } from '@sveltejs/kit';
import { getPracticeBranding } from '$lib/server/db/organisation-branding';
import { requirePractice } from '$lib/server/practice-guards';
import type { RequestHandler } from './$types';

/** The practice's logo, for its own people only. */
export const GET: RequestHandler = async ({ locals, url, params }) => {
	const { db } = await requirePractice(locals, url, params.practiceId, 'view');
	const branding = await getPracticeBranding(db, params.practiceId);
	if (!branding?.logo) error(404, { message: 'Not found' });
	return new Response(Buffer.from(branding.logo.data), {
		headers: {
			'content-type': branding.logo.type === 'png' ? 'image/png' : 'image/jpeg',
			'cache-control': 'private, max-age=60',
			'content-security-policy': "default-src 'none'"
		}
	});
};
