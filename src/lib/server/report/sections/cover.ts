/**
 * The cover: the accent band with the title, the logo, the organisation and the round's facts;
 * with a practice, its logo beside the client's and "Prepared by … for …" in its accent colour;
 * the round's cover note below the facts when it fits, else on the page after the cover.
 */
import { localize } from '$lib/domain/model';
import { m } from '$lib/paraglide/messages';
import type { ReportContext } from '../context';
import { SMALL, type TextStyle } from '../layout';
import { accentInk, accentOf, COLOR, CONTENT_BOTTOM, PAGE, SIZE, textOn } from '../theme';

const NOTE_STYLE: TextStyle = { size: SIZE.body, color: COLOR.ink, lineGap: 2 };

/** Draws the cover; false when the cover note did not fit and waits for `coverNotePage`. */
export function cover(ctx: ReportContext): boolean {
	const { layout, msg } = ctx;
	const { doc } = layout;
	const bandHeight = 268;
	const onBand = textOn(layout.accent);
	doc.rect(0, 0, PAGE.width, bandHeight).fill(layout.accent);
	layout.line(m.pdf_kicker({}, msg), layout.left, 96, layout.width, {
		size: SIZE.small + 1,
		bold: true,
		color: onBand
	});
	// The title, smaller in a language where it takes more lines than the band holds.
	const title = m.pdf_title({}, msg);
	const titleRoom = bandHeight - 116 - 24;
	let titleStyle: TextStyle = { size: SIZE.cover, bold: true, color: onBand, lineGap: 3 };
	while (titleStyle.size > 16 && layout.measure(title, titleStyle, layout.width * 0.82) > titleRoom)
		titleStyle = { ...titleStyle, size: titleStyle.size - 1, lineGap: 2 };
	layout.draw(title, layout.left, 116, layout.width * 0.82, titleStyle, {
		maxHeight: titleRoom
	});

	const practice = ctx.practice;
	const practiceAccent = practice ? accentOf(practice.accentColor) : null;
	// The practice's accent as a strip under the client's band.
	if (practiceAccent) doc.rect(0, bandHeight, PAGE.width, 6).fill(practiceAccent);

	let y = bandHeight + 42;
	let logoRow = false;
	if (ctx.organisation.logo) {
		try {
			doc.image(Buffer.from(ctx.organisation.logo.data), layout.left, y, { fit: [170, 64] });
			logoRow = true;
		} catch {
			// An unreadable logo must not cost the client their report: leave it out.
		}
	}
	if (practice?.logo) {
		try {
			doc.image(Buffer.from(practice.logo.data), layout.right - 140, y, {
				fit: [140, 64],
				align: 'right'
			});
			logoRow = true;
		} catch {
			// The same for the practice's logo.
		}
	}
	if (logoRow) y += 64 + 26;

	// The organisation's name, smaller when it is long, cut only when absurdly long.
	let size = 24;
	let height = 0;
	for (; size > 13; size -= 1) {
		height = layout.measure(ctx.organisation.name, { size, bold: true, lineGap: 2 }, layout.width);
		if (height <= 130) break;
	}
	const nameStyle: TextStyle = { size, bold: true, color: COLOR.ink, lineGap: 2 };
	y += layout.draw(ctx.organisation.name, layout.left, y, layout.width, nameStyle, {
		maxHeight: 130
	});
	y += 8;
	const roundStyle: TextStyle = { size: 13, color: COLOR.muted, lineGap: 2 };
	y += layout.draw(ctx.round.name, layout.left, y, layout.width, roundStyle, { maxHeight: 50 });
	if (practice && practiceAccent) {
		y += 10;
		const preparedStyle: TextStyle = {
			size: 11,
			bold: true,
			color: accentInk(practiceAccent),
			lineGap: 2
		};
		y += layout.draw(
			m.pdf_prepared_by({ practice: practice.name, organisation: ctx.organisation.name }, msg),
			layout.left,
			y,
			layout.width,
			preparedStyle,
			{ maxHeight: 44 }
		);
	}
	y += 30;

	doc
		.moveTo(layout.left, y)
		.lineTo(layout.right, y)
		.lineWidth(0.5)
		.strokeColor(COLOR.rule)
		.stroke();
	y += 14;
	const facts: Array<[string, string]> = [
		[m.pdf_cover_date({}, msg), ctx.dateText],
		// A consensus report gives no individual figure: the room's agreed answers are its results.
		[
			m.pdf_cover_respondents({}, msg),
			ctx.consensus ? m.pdf_cover_respondents_consensus({}, msg) : String(ctx.round.respondents)
		],
		[m.pdf_cover_departments({}, msg), ctx.consensus ? '–' : String(ctx.round.departments)],
		[
			m.pdf_cover_model({}, msg),
			m.pdf_cover_model_value(
				{ name: localize(ctx.model.name, ctx.locale), version: ctx.model.version },
				msg
			)
		]
	];
	const colWidth = (layout.width - 24) / 4;
	let rowHeight = 0;
	facts.forEach(([label, value], i) => {
		const x = layout.left + i * (colWidth + 8);
		const lh = layout.draw(label, x, y, colWidth, { size: SIZE.tiny, color: COLOR.muted });
		// A long model name in a longer language takes several lines; only an absurd one is cut.
		const h = layout.draw(
			value,
			x,
			y + lh + 4,
			colWidth,
			{ size: 10.5, bold: true, lineGap: 1 },
			{ maxHeight: 90 }
		);
		rowHeight = Math.max(rowHeight, lh + 4 + h);
	});
	y += rowHeight + 14;
	doc
		.moveTo(layout.left, y)
		.lineTo(layout.right, y)
		.lineWidth(0.5)
		.strokeColor(COLOR.rule)
		.stroke();
	y += 14;
	layout.draw(
		(ctx.consensus
			? m.pdf_cover_scope_consensus({}, msg)
			: ctx.team
				? m.pdf_cover_scope_team({}, msg)
				: m.pdf_cover_scope_personal({}, msg)) +
			(ctx.groups?.filterLabel
				? ` ${m.pdf_cover_filter({ filter: ctx.groups.filterLabel }, msg)}`
				: ''),
		layout.left,
		y,
		layout.width,
		SMALL
	);
	y += 28;

	// The cover note, when it fits above the confidentiality line.
	let noteOnCover = true;
	if (ctx.coverNote) {
		const titleStyle: TextStyle = { size: SIZE.small, bold: true, color: COLOR.muted };
		const room = CONTENT_BOTTOM - 40 - y;
		const height = 16 + layout.measure(ctx.coverNote, NOTE_STYLE, layout.width);
		if (height <= room) {
			layout.line(m.pdf_cover_note_title({}, msg), layout.left, y, layout.width, titleStyle);
			layout.draw(ctx.coverNote, layout.left, y + 16, layout.width, NOTE_STYLE);
		} else noteOnCover = false;
	}

	const confidential = m.pdf_cover_confidential({ organisation: ctx.organisation.name }, msg);
	const cStyle: TextStyle = { size: SIZE.tiny, color: COLOR.faint, lineGap: 1 };
	const ch = Math.min(layout.measure(confidential, cStyle, layout.width), 30);
	layout.draw(confidential, layout.left, CONTENT_BOTTOM - ch, layout.width, cStyle, {
		maxHeight: 30
	});
	return noteOnCover;
}

/** A cover note too long for the cover, on the page after it. */
export function coverNotePage(ctx: ReportContext): void {
	const { layout, msg } = ctx;
	if (!ctx.coverNote) return;
	layout.newPage();
	layout.h2(m.pdf_cover_note_title({}, msg));
	layout.paragraph(ctx.coverNote, NOTE_STYLE, 6);
}
