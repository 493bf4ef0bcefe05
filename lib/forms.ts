import { ZodError } from "zod";
import { reportError, isDatabaseUnreachable } from "./db-reachability";
import { DATABASE_UNAVAILABLE_MESSAGE, ServiceError } from "./errors";
import { zodFieldMessages } from "./http/zod-fields";

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
