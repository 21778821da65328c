import { error } from '@sveltejs/kit';
import { getBranding } from '$lib/server/db/organisation-branding';
import { requireReader } from '$lib/server/guards';
import type { RequestHandler } from './$types';

/** The organisation's logo, for its own members only. */
export const GET: RequestHandler = async ({ locals, url, params }) => {
	const { db } = await requireReader(locals, url, params.orgId);
	const branding = await getBranding(db, params.orgId);
	if (!branding?.logo) error(404, { message: 'Not found' });
	return new Response(Buffer.from(branding.logo.data), {
		headers: {
			'content-type': branding.logo.type === 'png' ? 'image/png' : 'image/jpeg',
			'cache-control': 'private, max-age=60',
			'content-security-policy': "default-src 'none'"
		}
	});
};
