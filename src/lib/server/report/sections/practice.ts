/** The practice's contact, on the report's last page (after the method), when it has one. */
import { m } from '$lib/paraglide/messages';
import type { ReportContext } from '../context';
import { BODY, type TextStyle } from '../layout';
import { accentInk, accentOf, SIZE } from '../theme';

export function practiceContact(ctx: ReportContext): void {
	const { layout, msg, practice } = ctx;
	if (!practice) return;
	const contact = practice.contact?.trim() ?? '';
	const titleStyle: TextStyle = {
		size: SIZE.body + 1,
		bold: true,
		color: accentInk(accentOf(practice.accentColor))
	};
	const title = m.pdf_contact_title({ practice: practice.name }, msg);
	const titleHeight = layout.measure(title, titleStyle, layout.width);
	const bodyHeight = contact ? layout.measure(contact, BODY, layout.width) : 0;
	// Title and contact stay together; a rule in the practice's accent above them.
	layout.gap(18);
	layout.ensure(titleHeight + bodyHeight + 14);
	layout.doc.rect(layout.left, layout.y, 36, 2.5).fill(accentOf(practice.accentColor));
	layout.y += 10;
	layout.y += layout.draw(title, layout.left, layout.y, layout.width, titleStyle) + 4;
	if (contact) layout.y += layout.draw(contact, layout.left, layout.y, layout.width, BODY) + 6;
}
