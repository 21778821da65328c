/** Sizes the app accepts, shared by forms (maxlength) and server checks. */
export const MAX_NOTE = 2000;
export const MAX_NAME = 120;
