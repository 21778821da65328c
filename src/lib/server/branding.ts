/**
 * Checks an uploaded logo by its bytes, never its file name: a PNG or JPEG that pdfkit can actually
 * open (which also catches truncated and corrupt files), within the size limit.
 */
import PDFDocument from 'pdfkit';
import { z } from 'zod';
import { m } from '$lib/paraglide/messages';

export const MAX_LOGO_BYTES = 256 * 1024;

export type LogoCheck =
	| { ok: true; logo: { data: Uint8Array; type: 'png' | 'jpeg' } }
	| { ok: false; reason: 'empty' | 'too-large' | 'not-an-image' | 'corrupt' };

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** The image type the bytes say they are, whatever the file is called. */
export function sniffImageType(bytes: Uint8Array): 'png' | 'jpeg' | null {
	if (PNG_SIGNATURE.every((b, i) => bytes[i] === b)) return 'png';
	if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
	return null;
}

function endsWith(bytes: Uint8Array, tail: number[]): boolean {
	return tail.every((b, i) => bytes[bytes.length - tail.length + i] === b);
}

export function checkLogo(bytes: Uint8Array): LogoCheck {
	if (bytes.length === 0) return { ok: false, reason: 'empty' };
	if (bytes.length > MAX_LOGO_BYTES) return { ok: false, reason: 'too-large' };
	const type = sniffImageType(bytes);
	if (!type) return { ok: false, reason: 'not-an-image' };
	// A whole file ends with its end marker (JPEG EOI, PNG IEND chunk); pdfkit reads only the header.
	if (type === 'jpeg' && !endsWith(bytes, [0xff, 0xd9])) return { ok: false, reason: 'corrupt' };
	if (type === 'png' && !endsWith(bytes, [0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82]))
		return { ok: false, reason: 'corrupt' };
	try {
		// openImage is pdfkit's public method, missing from its type definitions.
		const doc = new PDFDocument({ autoFirstPage: false }) as unknown as {
			openImage(data: Buffer): { width: number; height: number };
		};
		const image = doc.openImage(Buffer.from(bytes));
		if (!(image.width > 0 && image.height > 0)) return { ok: false, reason: 'corrupt' };
	} catch {
		return { ok: false, reason: 'corrupt' };
	}
	return { ok: true, logo: { data: bytes, type } };
}

/** An accent colour as the colour input sends it: `#rrggbb`. */
export function isHexColor(value: string): boolean {
	return /^#[0-9a-fA-F]{6}$/.test(value);
}

/**
 * The logo upload of a settings form (an organisation's or a practice's): a file that is not empty
 * (`readLogoUpload` then checks its bytes).
 */
export const logoUploadSchema = z.object({
	logo: z
		.instanceof(File, { error: () => m.settings_logo_missing() })
		.refine((file) => file.size > 0, { error: () => m.settings_logo_missing() })
});

/** An accent colour field, as a colour input sends it: "#rrggbb", stored in lower case. */
export const accentSchema = z.object({
	accentColor: z
		.string({ error: () => m.settings_accent_invalid() })
		.refine(isHexColor, { error: () => m.settings_accent_invalid() })
		.transform((color) => color.toLowerCase())
});

/** An uploaded logo checked by `checkLogo`, or the status and message to refuse it with. */
export async function readLogoUpload(
	file: File
): Promise<
	| { ok: true; logo: { data: Uint8Array; type: 'png' | 'jpeg' } }
	| { ok: false; status: 400 | 413; message: string }
> {
	const max = Math.round(MAX_LOGO_BYTES / 1024);
	if (file.size > MAX_LOGO_BYTES)
		return { ok: false, status: 413, message: m.settings_logo_too_large({ max }) };
	const checked = checkLogo(new Uint8Array(await file.arrayBuffer()));
	if (checked.ok) return checked;
	const message =
		checked.reason === 'too-large'
			? m.settings_logo_too_large({ max })
			: checked.reason === 'corrupt'
				? m.settings_logo_corrupt()
				: m.settings_logo_not_image();
	return { ok: false, status: 400, message };
}
