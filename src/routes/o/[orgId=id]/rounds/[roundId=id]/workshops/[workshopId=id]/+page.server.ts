import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import { controlViewOf } from '$lib/domain/workshop-view';
import { WORKSHOP_COMMANDS, type WorkshopCommand } from '$lib/domain/workshop';
import { applyAndAnnounce } from '$lib/server/db/workshops';
import { parseForm } from '$lib/server/forms';
import { pubsub } from '$lib/server/pubsub-shared';
import { refusalMessage, requireFacilitator } from '$lib/server/workshop-access';
import { readSnapshot, workshopModel } from '$lib/server/workshop-live';
import { currentLocale } from '$lib/i18n';
import { m } from '$lib/paraglide/messages';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const { db, workshop } = await requireFacilitator(locals, url, params);
	const snapshot = await readSnapshot(db, params.roundId, workshop.id);
	if (!snapshot) throw new Error('a workshop read a moment ago is gone');
	const locale = currentLocale();
	const model = await workshopModel(db, workshop, locale);
	return {
		view: controlViewOf(snapshot, model, locale),
		joinUrl: `${url.origin}/workshop`
	};
};

/**
 * A command as the control view's forms post it: `type` and `position` (the step the screen
 * showed), and for a record the question, outcome, level and reason. The state machine checks the
 * rest, so a stale or replayed post is refused in words and changes nothing.
 */
const commandForm = z.object({
	type: z.enum(WORKSHOP_COMMANDS as [WorkshopCommand['type'], ...WorkshopCommand['type'][]], {
		error: () => m.workshop_refused_unknown_command()
	}),
	position: z
		.string()
		.optional()
		.refine((v) => v === undefined || /^\d{1,4}$/.test(v), {
			error: () => m.workshop_refused_stale()
		})
		.transform((v) => (v === undefined ? -1 : Number(v))),
	questionId: z.string().max(64).optional(),
	/** A record's outcome: the agreed level "1"-"4", or "none" for no agreement. */
	choice: z.string().max(8).optional(),
	reason: z.string().max(10_000).optional(),
	/** A timer's length in minutes ("1.5" or "1,5"); `stop` set stops the timer instead. */
	minutes: z.string().max(16).optional(),
	stop: z.string().max(8).optional()
});

/** Typed minutes as whole seconds; NaN for anything else (the state machine refuses it). */
function secondsOf(minutes: string | undefined): number {
	const text = (minutes ?? '').trim().replace(',', '.');
	return /^\d{1,3}(\.\d{1,3})?$/.test(text) ? Math.round(Number(text) * 60) : NaN;
}

function commandOf(data: z.output<typeof commandForm>): WorkshopCommand | undefined {
	const { type, position } = data;
	if (type === 'start' || type === 'end') return { type };
	if (type === 'timer')
		return {
			type,
			position,
			seconds: data.stop !== undefined ? null : secondsOf(data.minutes),
			now: Date.now()
		};
	if (type !== 'record') return { type, position };
	if (!data.questionId || !data.choice) return undefined;
	const agreed = data.choice !== 'none';
	// A choice that is neither "none" nor 1-4 reaches the state machine as NaN and is refused there.
	const level = agreed ? (/^[1-4]$/.test(data.choice) ? Number(data.choice) : NaN) : null;
	return {
		type,
		position,
		questionId: data.questionId,
		outcome: agreed ? 'agreed' : 'no-agreement',
		level,
		reason: data.reason ?? ''
	};
}

export const actions: Actions = {
	command: async ({ locals, url, params, request }) => {
		const { db, user, workshop } = await requireFacilitator(locals, url, params);
		const form = parseForm(commandForm, await request.formData());
		if (!form.ok) return fail(400, { message: form.message });
		const command = commandOf(form.data);
		if (!command) return fail(400, { message: m.workshop_record_outcome_required() });
		const applied = await applyAndAnnounce(db, pubsub(), {
			roundId: params.roundId,
			workshopId: workshop.id,
			command,
			actorId: user.id
		});
		if (!applied.ok) {
			const refusal = refusalMessage(applied.reason);
			return fail(refusal.status, { message: refusal.message, refused: applied.reason });
		}
		return { ok: true, type: command.type };
	}
};
