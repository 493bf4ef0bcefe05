// Typed errors that are safe to show a user. Anything else is reported as a generic
// failure by the transport adapter, with the cause kept for the server log only.
export class ServiceError extends Error {
  constructor(
    readonly code: "not_found" | "invalid" | "conflict" | "forbidden" | "unauthorized" | "rate_limited",
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
