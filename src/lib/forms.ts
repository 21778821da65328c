/**
 * What a failed form gives back to its page: one message per field, keyed by the field's name (the
 * `name` of its input), and `form` for a problem of the whole form. The server's form helper
 * (`lib/server/forms.ts`) builds it; pages and components show it (they cannot import lib/server).
 */
export type FieldErrors<Field extends string = string> = Partial<Record<Field, string>>;
