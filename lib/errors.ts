// Typed errors that are safe to show a user. Anything else is reported as a generic
// failure by the transport adapter, with the cause kept for the server log only.
export type ServiceErrorCode = "not_found" | "invalid" | "conflict" | "forbidden" | "unauthorized" | "rate_limited";

export class ServiceError extends Error {
  constructor(
    readonly code: ServiceErrorCode,
    message: string,
    readonly fields?: Record<string, string>,
  ) {
    super(message);
    this.name = "ServiceError";
  }
}

export class NotFoundError extends ServiceError {
  constructor(what: string) {
    super("not_found", `${what} not found`);
  }
}

export class InvalidInputError extends ServiceError {
  constructor(message: string, fields?: Record<string, string>) {
    super("invalid", message, fields);
  }
}

export class ConflictError extends ServiceError {
  constructor(message: string) {
    super("conflict", message);
  }
}

/** Why a request body was refused before any schema saw it. */
export type BodyProblem = "too_large" | "unsupported_media_type" | "malformed_json";

/** Still an "invalid" error to a client (that is its `code`); only the HTTP status may say more. */
export class RequestBodyError extends InvalidInputError {
  constructor(
    readonly problem: BodyProblem,
    message: string,
  ) {
    super(message);
    this.name = "RequestBodyError";
  }
}

/** The codes a JSON error carries: every service code, plus two only a transport answers with. */
export type ErrorCode = ServiceErrorCode | "method_not_allowed" | "precondition_failed" | "unavailable" | "internal";

/** The one map from an error code to its HTTP status; every JSON endpoint answers through it. */
export const HTTP_STATUS: Record<ErrorCode, number> = {
  invalid: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  precondition_failed: 412,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
};

/** What a user reads when a write met an unreachable database (lib/db-reachability.ts tells). */
export const DATABASE_UNAVAILABLE_MESSAGE = "The database is unreachable right now, so nothing was saved. Please try again in a moment.";

const BODY_STATUS: Record<BodyProblem, number> = { too_large: 413, unsupported_media_type: 415, malformed_json: 400 };

/** The precise status for an error: a refused body says why (413, 415); everything else goes by its code. */
export function httpStatusOf(error: ServiceError): number {
  return error instanceof RequestBodyError ? BODY_STATUS[error.problem] : HTTP_STATUS[error.code];
}
