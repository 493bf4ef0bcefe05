import { z, ZodError } from "zod";
import { reportError, isDatabaseUnreachable } from "./db-reachability";
import { DATABASE_UNAVAILABLE_MESSAGE, ServiceError } from "./errors";
import { zodFieldMessages } from "./http/zod-fields";
import { NUL_MESSAGE, withoutNul } from "./text/nul";

// What a server action returns to its form: field messages next to the inputs,
// a message on top, and the submitted values so nothing typed is lost.
export interface FormState {
  ok?: boolean;
  message?: string;
  fields?: Record<string, string>;
  values?: Record<string, string>;
}

export function formValues(formData: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of formData.entries()) if (typeof value === "string" && !key.startsWith("$")) values[key] = value;
  return values;
}

export function errorToFormState(error: unknown, values?: Record<string, string>): FormState {
  if (error instanceof ZodError) {
    return { ok: false, message: "Please correct the highlighted fields.", fields: zodFieldMessages(error, { root: "form" }), values };
  }
  if (error instanceof ServiceError) return { ok: false, message: error.message, fields: error.fields, values };
  if (isDatabaseUnreachable(error)) {
    reportError(error, "staff action");
    return { ok: false, message: DATABASE_UNAVAILABLE_MESSAGE, values };
  }
  // Never show raw database or stack text; keep it for the server log.
  reportError(error, "staff action");
  return { ok: false, message: "Something went wrong on our side. Nothing was saved; please try again.", values };
}

// ── Server actions' arguments ──────────────────────────────────────────────
// A server action is a public POST endpoint: anyone can call it with any arguments, not
// only its own page. A string where the FormData belongs would throw before the action's
// own error handling (a 500), so every action parses its arguments first.

/** The shapes of the arguments a page passes its actions; none may hold a NUL (../text/nul.ts). */
const text = (max: number) => z.string().max(max).refine(withoutNul, NUL_MESSAGE);

export const actionArg = {
  /** A record id bound into the action (`action.bind(null, id)`). */
  id: text(200).min(1),
  /** A signed link's token bound into the action. */
  token: text(4000),
  /** Text the page passes as is (the markdown preview's source). */
  text: text(100_000),
  /** The form's previous state (useActionState passes it in): no action reads it. */
  state: z.any(),
  form: z.instanceof(FormData).refine((form) => [...form.values()].every((v) => typeof v !== "string" || withoutNul(v)), NUL_MESSAGE),
  flag: z.boolean(),
  oneOf: <const T extends readonly [string, ...string[]]>(values: T) => z.enum(values),
};

/**
 * A form's action as useActionState takes it. Bind its arguments in the server component and
 * pass the bound action down: a client component that binds during render makes a new bound
 * action each render, and React's no-JS (progressive) path suspends on each new one's
 * arguments and renders again forever, one core at 100% (a denial of service by one POST).
 */
export type StateAction<S extends FormState = FormState> = (prev: S | undefined, formData: FormData) => Promise<S>;

export const UNREADABLE_FORM: FormState = { ok: false, message: "This form was sent in a shape the server cannot read. Reload the page and try again." };

/**
 * The action `run`, called only when its arguments have the shapes `args` names (extra
 * trailing arguments are ignored); anything else gets `refuse`'s answer and `run` never sees it.
 */
export function parsedAction<P extends unknown[], R>(
  args: { [K in keyof P]: z.ZodType<NoInfer<P[K]>> },
  run: (...args: P) => Promise<R>,
  refuse: (error: z.ZodError) => NoInfer<R>,
): (...args: P) => Promise<R> {
  const schema = z.tuple(args as unknown as [z.ZodType, ...z.ZodType[]]);
  return async (...raw: P) => {
    const parsed = schema.safeParse(raw.slice(0, schema.def.items.length));
    return parsed.success ? run(...(parsed.data as unknown as P)) : refuse(parsed.error);
  };
}

/**
 * parsedAction for a form's action: malformed arguments get a message above the form,
 * the NUL one when that is what is wrong (it can come from pasted text), else UNREADABLE_FORM's.
 */
export function formAction<P extends unknown[], R extends FormState>(
  args: { [K in keyof P]: z.ZodType<NoInfer<P[K]>> },
  run: (...args: P) => Promise<R>,
): (...args: P) => Promise<R> {
  // Every form state only adds optional fields to FormState, so a bare message is one of them.
  return parsedAction(args, run, (error) =>
    error.issues.some((issue) => issue.message === NUL_MESSAGE) ? ({ ok: false, message: NUL_MESSAGE } as R) : (UNREADABLE_FORM as R),
  );
}
