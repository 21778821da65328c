/**
 * Validation for the sign-up, sign-in, change-password and delete-account forms, read with
 * `parseForm` (`lib/server/forms.ts`) like every form. Messages are Paraglide messages, built when a
 * form is checked so that they are in the reader's language.
 */
import { z } from 'zod';
import { m } from '$lib/paraglide/messages';

const email = z
	.string({ error: () => m.auth_error_email_required() })
	.trim()
	.min(1, { error: () => m.auth_error_email_required() })
	.max(254, { error: () => m.auth_error_email_too_long() })
	.pipe(z.email({ error: () => m.auth_error_email_invalid() }));

// Passwords are never trimmed: a space is as good a character as any.
const newPassword = z
	.string({ error: () => m.auth_error_password_required() })
	.min(1, { error: () => m.auth_error_password_required() })
	.min(10, { error: () => m.auth_error_password_too_short() })
	.max(200, { error: () => m.auth_error_password_too_long() });

export const signUpSchema = z.object({
	email,
	displayName: z
		.string({ error: () => m.auth_error_display_name_required() })
		.trim()
		.min(1, { error: () => m.auth_error_display_name_required() })
		.max(80, { error: () => m.auth_error_display_name_too_long() }),
	password: newPassword
});

export const signInSchema = z.object({
	email,
	// No length rule beyond the sign-up maximum: a sign-in form should not teach the password policy,
	// and the maximum keeps argon2 from hashing megabytes.
	password: z
		.string({ error: () => m.auth_error_password_required() })
		.min(1, { error: () => m.auth_error_password_required() })
		.max(200, { error: () => m.auth_error_credentials() })
});

export const changePasswordSchema = z
	.object({
		currentPassword: z
			.string({ error: () => m.auth_error_current_password_required() })
			.min(1, { error: () => m.auth_error_current_password_required() })
			.max(200, { error: () => m.auth_error_current_password_wrong() }),
		newPassword,
		confirmPassword: z
			.string({ error: () => m.auth_error_confirm_password_required() })
			.min(1, { error: () => m.auth_error_confirm_password_required() })
	})
	.refine((v) => v.newPassword === v.confirmPassword, {
		path: ['confirmPassword'],
		error: () => m.auth_error_password_mismatch()
	});

/** Deleting one's account: the current password, and whether submitted answers go too (a checkbox). */
export const deleteAccountSchema = z.object({
	deletePassword: z
		.string({ error: () => m.auth_error_current_password_required() })
		.min(1, { error: () => m.auth_error_current_password_required() })
		.max(200, { error: () => m.auth_error_current_password_wrong() }),
	// An unticked checkbox is not sent at all.
	deleteAnswers: z
		.string()
		.optional()
		.transform((value) => value !== undefined)
});

/**
 * A field's submitted text (`formData.get(name)`), cut to `max` characters, for echoing back into a
 * form on failure; a file or a missing field is empty.
 */
export function echo(value: FormDataEntryValue | null, max = 254): string {
	return typeof value === 'string' ? value.slice(0, max) : '';
}

/**
 * Where to go after signing in: `next` when it is a path on this site ("/account"), otherwise
 * `fallback`. Rejects "//host" and "/\host" (browsers read both as another host) and anything with
 * control characters, so that a link cannot send someone elsewhere after they sign in.
 */
export function nextPath(url: URL, fallback = '/orgs'): string {
	const next = url.searchParams.get('next');
	if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) {
		return fallback;
	}
	// eslint-disable-next-line no-control-regex
	if (/[\u0000-\u001f\u007f\\]/.test(next)) return fallback;
	const resolved = new URL(next, url.origin);
	return resolved.origin === url.origin
		? resolved.pathname + resolved.search + resolved.hash
		: fallback;
}
