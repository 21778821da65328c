import { renderSVG } from 'uqr';
import { presenterViewOf } from '$lib/domain/workshop-view';
import { requireFacilitator } from '$lib/server/workshop-access';
import { readSnapshot, workshopModel } from '$lib/server/workshop-live';
import { currentLocale } from '$lib/i18n';
import type { PageServerLoad } from './$types';

/**
 * The presenter screen: the room view for the projector with the join code as a QR code; no names
 * of who joined, only how many.
 */
export const load: PageServerLoad = async ({ locals, url, params }) => {
	const { db, workshop } = await requireFacilitator(locals, url, params);
	const snapshot = await readSnapshot(db, params.roundId, workshop.id);
	if (!snapshot) throw new Error('a workshop read a moment ago is gone');
	const model = await workshopModel(db, workshop, currentLocale());
	const joinAddress = `${url.origin}/workshop`;
	const joinLink = `${joinAddress}?code=${workshop.joinCode}`;
	return {
		view: presenterViewOf(snapshot, model),
		joinAddress,
		joinLink,
		// Server-rendered from our own data (the origin and the code): no user input reaches it.
		qrSvg: renderSVG(joinLink, { border: 2, ecc: 'M' })
	};
};
