/** The first-run guide of the signed-in person (lib/domain/first-run.ts decides; this reads). */
import { firstRunGuide, type FirstRunGuide } from '$lib/domain/first-run';
import type { Db } from '$lib/server/db/connection';
import { loadFirstRunFacts } from '$lib/server/db/first-run';

export async function loadFirstRunGuide(
	db: Db,
	user: { id: string } | null
): Promise<FirstRunGuide | null> {
	return user ? firstRunGuide(await loadFirstRunFacts(db, user.id)) : null;
}
