/** The text of a PDF, by pdf-parse: for tests that read what a report says. */
import { PDFParse } from 'pdf-parse';
import { expect } from 'vitest';

export async function pdfBytesText(bytes: Uint8Array): Promise<string> {
	const parser = new PDFParse({ data: new Uint8Array(bytes) });
	const result = await parser.getText();
	await parser.destroy();
	return result.text;
}

/** The text of each page of a PDF, first page first. */
export async function pdfPages(bytes: Uint8Array): Promise<string[]> {
	const parser = new PDFParse({ data: new Uint8Array(bytes) });
	try {
		const result = await parser.getText();
		return result.pages.map((page) => page.text);
	} finally {
		await parser.destroy();
	}
}

/** The text of a PDF response, which must be a 200 with `application/pdf`. */
export async function pdfText(res: Response): Promise<string> {
	expect(
		res.status,
		await res
			.clone()
			.text()
			.catch(() => '')
	).toBe(200);
	expect(res.headers.get('content-type')).toBe('application/pdf');
	return pdfBytesText(new Uint8Array(await res.arrayBuffer()));
}
