/** Sizes the app accepts, shared by forms (maxlength) and server checks. */
export const MAX_NOTE = 2000;
export const MAX_NAME = 120;
/** A workshop's reason for an agreed level or for no agreement: a sentence or two typed live. */
export const MAX_REASON = 1000;
/** A round's cover note for its report (plain text, printed on the cover or the page after it). */
export const MAX_COVER_NOTE = 1200;
/** A practice's contact line on the report's last page. */
export const MAX_CONTACT = 200;
