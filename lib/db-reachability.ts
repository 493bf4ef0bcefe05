// Whether the database answers, as one state with two transitions. While it is away every
// loop (the page's revision poll, the outbox, the probe worker, the jobs) fails on each
// tick; the log gets one line when it goes and one when it is back, not one per query.
import { log } from "./log";

const NETWORK_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH"]);
/** Prisma's codes for "could not reach / lost / timed out waiting for the database or its pool". */
const PRISMA_CODES = new Set(["P1001", "P1002", "P1008", "P1017", "P2024", "P2028"]);
/** Driver adapters' error kinds for the same. */
const ADAPTER_KINDS = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout", "TransactionAlreadyClosed", "DatabaseDoesNotExist"]);
const MESSAGES = [
  /connection terminated/i,
  /timeout exceeded when trying to connect/i,
  /query read timeout/i,
  /database gave no answer/i,
  /connection (?:is )?(?:closed|refused|reset)/i,
  /server closed the connection/i,
  /database is locked/i, // SQLite: a writer held the lock past busy_timeout
  /unable to start a transaction in the given time/i,
  /transaction already closed/i,
  /client has encountered a connection error/i,
];

/** True when `error` says the database could not be reached or did not answer in time, rather than refusing the query (pure). */
export function isDatabaseUnreachable(error: unknown): boolean {
  const seen = new Set<unknown>();
  const queue: unknown[] = [error];
  while (queue.length) {
    const e = queue.shift();
    if (!e || typeof e !== "object" || seen.has(e)) continue;
    seen.add(e);
    const { code, kind, message, cause, meta, originalCode } = e as Record<string, unknown>;
    if (typeof code === "string" && (NETWORK_CODES.has(code) || PRISMA_CODES.has(code))) return true;
    if (typeof originalCode === "string" && NETWORK_CODES.has(originalCode)) return true;
    if (typeof kind === "string" && ADAPTER_KINDS.has(kind)) return true;
    if (typeof message === "string" && MESSAGES.some((pattern) => pattern.test(message))) return true;
    queue.push(cause, (meta as { driverAdapterError?: unknown } | undefined)?.driverAdapterError);
  }
  return false;
}

let downSince: number | null = null;

/** A query failed because the database is away: logs once, on the change. */
export function noteDatabaseUnreachable(error: unknown, where: string): void {
  if (downSince !== null) return;
  downSince = Date.now();
  const reason = error instanceof Error ? error.message.split("\n").at(-1)?.trim() : String(error);
  log.error({ where, reason }, "database unreachable: serving the last good public data; writes are refused until it answers");
}

/** A query succeeded: logs once when this ends an outage. */
export function noteDatabaseReachable(): void {
  if (downSince === null) return;
  log.info({ downForMs: Date.now() - downSince }, "database reachable again");
  downSince = null;
}

export function databaseIsDown(): boolean {
  return downSince !== null;
}

/**
 * The one way background loops and adapters report an error they cannot hand to a user:
 * an outage is a state change (logged once), anything else is logged with its stack.
 */
export function reportError(error: unknown, where: string): void {
  if (isDatabaseUnreachable(error)) noteDatabaseUnreachable(error, where);
  else log.error({ err: error, where }, `${where} failed`);
}
