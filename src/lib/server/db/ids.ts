/** Random identifiers and secret tokens, and the hashes under which secrets are stored. */
import { createHash } from 'node:crypto';
import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';

/** A random id, 120 bits, base32: `newId()` is like "k3v7q2m9x4c8b1n6p5z0w3y2". */
export function newId(): string {
	const bytes = crypto.getRandomValues(new Uint8Array(15));
	return encodeBase32LowerCaseNoPadding(bytes);
}

/** A secret token for links (invites, respondent links, resume links): 160 bits, base32. */
export function newToken(): string {
	const bytes = crypto.getRandomValues(new Uint8Array(20));
	return encodeBase32LowerCaseNoPadding(bytes);
}

/**
 * Secrets are stored hashed, so a leaked database does not leak working links. SHA-256 in hex, by
 * Node's crypto: every step page and autosave hashes its resume token, and the JavaScript SHA-256
 * (@oslojs/crypto) showed in their profile.
 */
export function hashToken(token: string): string {
	return createHash('sha256').update(token, 'utf8').digest('hex');
}
