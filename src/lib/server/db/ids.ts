/** Random identifiers and secret tokens, and the hashes under which secrets are stored. */
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';

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

/** Secrets are stored hashed, so a leaked database does not leak working links. */
export function hashToken(token: string): string {
	return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}
