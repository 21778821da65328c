/** File names and headers for downloads (the PDF report, the exports). */

/** A round name as a file name part, without characters that trouble browsers or file systems. */
export function fileSlug(name: string): string {
	const slug = name
		.normalize('NFKD')
		.replace(/[^\p{L}\p{N}]+/gu, '-')
		.replace(/^-+|-+$/g, '')
		.toLowerCase()
		.slice(0, 60);
	return slug || 'round';
}

/** `attachment` (or `inline`) with an ASCII fallback name and the UTF-8 name (RFC 6266). */
export function contentDisposition(fileName: string, inline = false): string {
	const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/"/g, '_');
	return `${inline ? 'inline' : 'attachment'}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
