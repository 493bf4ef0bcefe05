import { z } from "zod";
import { isDatabaseUnreachable, reportError } from "../db-reachability";
import { DATABASE_UNAVAILABLE_MESSAGE, HTTP_STATUS, httpStatusOf, RequestBodyError, ServiceError, type ErrorCode } from "../errors";
import { renameFields, zodFieldMessages, type FieldNaming } from "./zod-fields";

// The one adapter from a thrown error to a JSON endpoint's answer,
// `{ error: { code, message, fields? } }`: zod errors become field messages, typed
// errors keep their (safe) message, anything else is logged and answered generically.
// Endpoints differ only where their documented contracts do, and each difference is
// an option of ErrorContract below.

export interface JsonErrorBody {
  error: { code: ErrorCode; message: string; fields?: Record<string, string> };
}

export interface JsonError {
  status: number;
  headers: Record<string, string>;
  body: JsonErrorBody;
}

export function jsonError(
  code: ErrorCode,
  message: string,
  { fields, headers = {}, status = HTTP_STATUS[code] }: { fields?: Record<string, string>; headers?: Record<string, string>; status?: number } = {},
): JsonError {
  return { status, headers, body: { error: { code, message, ...(fields ? { fields } : {}) } } };
}

export interface ErrorContract {
  /**
   * A schema failure. The management API answers 400 (docs/api.md: every invalid input
   * is a 400); POST /api/probes/test answers 422.
   */
  invalid: { status: number; message: string };
  fields: FieldNaming;
  /**
   * A refused body (too large, not JSON by Content-Type, unparseable). "precise": 413,
   * 415, 400 (the probe tester). "invalid": the plain 400 the management API documents.
   */
  bodyStatus: "precise" | "invalid";
  /** What the client reads for an unexpected error, and the server log's label for it. */
  internal: { message: string; log: string };
}

export function errorToJson(error: unknown, contract: ErrorContract): JsonError {
  if (error instanceof z.ZodError) {
    return jsonError("invalid", contract.invalid.message, { status: contract.invalid.status, fields: zodFieldMessages(error, contract.fields) });
  }
  if (error instanceof ServiceError) {
    const status = error instanceof RequestBodyError && contract.bodyStatus === "invalid" ? HTTP_STATUS.invalid : httpStatusOf(error);
    return jsonError(error.code, error.message, { status, fields: renameFields(error.fields, contract.fields) });
  }
  reportError(error, contract.internal.log);
  if (isDatabaseUnreachable(error)) return jsonError("unavailable", DATABASE_UNAVAILABLE_MESSAGE, { headers: { "Retry-After": "5" } });
  return jsonError("internal", contract.internal.message);
}
