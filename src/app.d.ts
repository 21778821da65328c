// See https://svelte.dev/docs/kit/types#app.d.ts
import type { Session, User } from 'lucia';

declare global {
	namespace App {
		interface Error {
			message: string;
		}
		interface Locals {
			/** The signed-in person, or null. */
			user: (User & { email: string; displayName: string }) | null;
			session: Session | null;
		}
		// interface PageData {}
		// interface PageState {}
		// interface Platform {}
	}
}

export {};
