// One log line per request (id, method, path, status, duration, client), and the request id
// every response carries as X-Request-Id so a user can quote it and an operator find the line.
// The query string is left out of the log: signed subscription links carry their token there.
import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { log } from "../lib/log";

const INCOMING_ID = /^[A-Za-z0-9._:-]{1,128}$/;
/** A path segment this long is a secret (an invitation token is 43 characters; record ids are 25). */
const SECRET_SEGMENT = /(?<=\/)[A-Za-z0-9_-]{32,}(?=\/|$)/g;

/** The path as logged: without the query string (signed links carry their token there) and with long tokens masked (pure). */
export function loggedPath(url: string): string {
  return url.split("?")[0]!.replace(SECRET_SEGMENT, "…");
}

/** A trusted proxy's X-Request-Id is kept (one id across the hops); otherwise, or when malformed, a new one (pure but for the random id). */
export function requestId(incoming: string | null, trustProxy: boolean): string {
  return trustProxy && incoming !== null && INCOMING_ID.test(incoming) ? incoming : randomUUID();
}

/** Logs the request once its response has gone (`started`: its performance.now() on arrival) (or the client went away first: status 499 as nginx says). */
export function logWhenDone(req: IncomingMessage, res: ServerResponse, id: string, client: string, started: number): void {
  const done = () => {
    const path = loggedPath(req.url ?? "/");
    const ms = Math.round((performance.now() - started) * 10) / 10;
    const status = res.writableFinished ? res.statusCode : 499;
    const fields = { reqId: id, method: req.method, path, status, ms, client };
    if (status >= 500) log.error(fields, "request");
    else log.info(fields, "request");
  };
  res.once("close", done);
}
