// See https://svelte.dev/docs/kit/types#app.d.ts
import type { Session, User } from 'lucia';
import type { Locale } from '$lib/domain/model';

declare global {
	namespace App {
		interface Error {
			message: string;
		}
		interface Locals {
			/** The signed-in person, or null. */
			user: (User & { email: string; displayName: string; locale: string | null }) | null;
			/** The language this request is answered in (lib/domain/locale.ts decides). */
			locale: Locale;
			session: Session | null;
		}
		// interface PageData {}
		// interface PageState {}
		// interface Platform {}
	}
}

export {};
