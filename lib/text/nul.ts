// U+0000 (NUL): PostgreSQL text cannot hold one (a query or a write with it fails outright)
// and nobody types one, so the boundaries refuse it: JSON bodies (http/json-body.ts),
// server actions' forms (forms.ts) and the console's search filters.

export const hasNul = (text: string): boolean => text.includes("\u0000");

/** For a zod `.refine`: text without a NUL. */
export const withoutNul = (text: string): boolean => !hasNul(text);

export const NUL_MESSAGE = "A field contains a NUL character (\\u0000), which cannot be saved: remove it and try again.";
