// A server action call as Vigil's pages send it, checked before Next decodes it (proxy.ts).
// Next answers every call it cannot decode with a 500: arguments that are not JSON, a
// reference React cannot resolve ("$@0", "$B1", "$Q1"…), nesting deep enough to overflow
// the stack, a cross-site Origin, an empty action id, a body past the size limit. Vigil's
// pages only ever send plain JSON values, `undefined` and FormData (React's encodeReply
// writes them as "$undefined" and "$K<n>"), plus a repeated object as a path into the
// arguments ("$0:1:values"); this accepts exactly that, so a malformed call gets a clear
// 4xx. A page that starts passing other values (a Date, a Map) must be allowed here first.

export interface ActionCall {
  method: string;
  headers: { get(name: string): string | null };
}

export interface ActionRefusal {
  status: 400 | 403 | 413;
  message: string;
}

/** What a multipart body's fields look like to the check (FormData has this shape). */
export interface ActionFields {
  get(name: string): FormDataEntryValue | null;
  keys(): IterableIterator<string>;
}

/** next.config.mjs: experimental.serverActions.bodySizeLimit ("6mb"); keep the two equal. */
export const ACTION_BODY_LIMIT_BYTES = 6 * 1024 * 1024;
const MAX_DEPTH = 32;
const NUMBERS = new Set(["$undefined", "$-0", "$NaN", "$Infinity", "$-Infinity"]);

const refuse = (status: ActionRefusal["status"], message: string): ActionRefusal => ({ status, message });

export const isMultipart = (call: ActionCall) => /^multipart\/form-data/i.test(call.headers.get("content-type") ?? "");

/** A POST Next would try as an action call: with a Next-Action header, or a multipart form (a no-JS post). */
export function isActionCall(call: ActionCall): boolean {
  return call.method === "POST" && (call.headers.get("next-action") !== null || isMultipart(call));
}

/**
 * What the headers alone refuse: an empty action id, a declared body past the limit, and
 * Next's own CSRF rule (the Origin's host must be the X-Forwarded-Host, or else the Host).
 */
export function actionHeadersProblem(call: ActionCall): ActionRefusal | null {
  const id = call.headers.get("next-action");
  if (id !== null && id.trim() === "") return refuse(400, "The Next-Action header is empty.");
  const declared = Number(call.headers.get("content-length") ?? Number.NaN);
  if (Number.isFinite(declared) && declared > ACTION_BODY_LIMIT_BYTES) return refuse(413, "The form is larger than 6 MB.");
  const origin = call.headers.get("origin");
  // No Origin: a hand-made request, which carries no credentials a browser would add for it.
  if (origin === null) return null;
  let originHost: string;
  try {
    originHost = origin === "null" ? "null" : new URL(origin).host;
  } catch {
    return refuse(400, "The Origin header is not a URL.");
  }
  const host = call.headers.get("x-forwarded-host")?.split(",")[0]?.trim() || call.headers.get("host");
  if (!host || originHost !== host) return refuse(403, "This form was posted from another site.");
  return null;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** The value a "$0:a:b" path names inside the arguments, or undefined when there is none. */
function atPath(root: Json, path: string[]): Json | undefined {
  let value: Json | undefined = root;
  for (const key of path) {
    if (value === null || typeof value !== "object" || !Object.hasOwn(value, key)) return undefined;
    value = (value as Record<string, Json>)[key];
  }
  return value;
}

function valueProblem(value: Json, root: Json, depth: number): string | null {
  if (depth > MAX_DEPTH) return `nest deeper than ${MAX_DEPTH} levels`;
  if (typeof value === "string") {
    if (!value.startsWith("$") || value.startsWith("$$") || NUMBERS.has(value) || /^\$K[0-9a-f]{1,8}$/.test(value)) return null;
    const path = /^\$0((?::[^:]+)+)$/.exec(value);
    if (path && atPath(root, path[1]!.slice(1).split(":")) !== undefined) return null;
    return `hold a value these forms never send (${value.slice(0, 16)})`;
  }
  if (value === null || typeof value !== "object") return null;
  for (const child of Array.isArray(value) ? value : Object.values(value)) {
    const problem = valueProblem(child, root, depth + 1);
    if (problem) return problem;
  }
  return null;
}

/** Why an argument list (React's encoded reply: JSON text) would not decode, or null. */
export function argumentsProblem(text: string | null): string | null {
  if (text === null) return "are missing";
  let root: Json;
  try {
    root = JSON.parse(text) as Json;
  } catch {
    return "are not JSON";
  }
  if (!Array.isArray(root)) return "are not a list";
  return valueProblem(root, root, 0);
}

const asText = (entry: FormDataEntryValue | null) => (typeof entry === "string" ? entry : null);

/** A no-JS form's bound action: `$ACTION_<n>:0` names the action, `$ACTION_<n>:<m>` holds its bound arguments. */
function boundFormProblem(fields: ActionFields, prefix: string): string | null {
  let meta: unknown;
  try {
    meta = JSON.parse(asText(fields.get(`${prefix}0`)) ?? "");
  } catch {
    return "name no action";
  }
  const { id, bound } = (meta ?? {}) as { id?: unknown; bound?: unknown };
  if (typeof id !== "string" || (bound !== null && (typeof bound !== "string" || !/^\$@[0-9a-f]{1,8}$/.test(bound)))) return "name no action";
  return bound === null ? null : argumentsProblem(asText(fields.get(`${prefix}${bound.slice(2)}`)));
}

/** Why a call's arguments would not decode, or null: a fetch call's (its text body, or field "0" of a multipart one), a no-JS form's bound ones. */
function bodyProblem(call: ActionCall, body: { text: string } | { fields: ActionFields }): string | null {
  if (call.headers.get("next-action") !== null) return argumentsProblem("text" in body ? body.text : asText(body.fields.get("0")));
  if ("text" in body) return null;
  for (const key of body.fields.keys()) {
    const problem = key.startsWith("$ACTION_REF_") ? boundFormProblem(body.fields, `$ACTION_${key.slice("$ACTION_REF_".length)}:`) : null;
    if (problem) return problem;
  }
  return null;
}

/** Why Next could not decode this action call (headers first, then the body's bytes), or null when it may go on. */
export async function actionCallProblem(call: ActionCall, body: Uint8Array<ArrayBuffer>): Promise<ActionRefusal | null> {
  const fromHeaders = actionHeadersProblem(call);
  if (fromHeaders) return fromHeaders;
  if (body.byteLength > ACTION_BODY_LIMIT_BYTES) return refuse(413, "The form is larger than 6 MB.");
  let parsed: { text: string } | { fields: ActionFields };
  if (isMultipart(call)) {
    try {
      // The same parser Next reads a no-JS form with.
      parsed = { fields: await new Response(body, { headers: { "content-type": call.headers.get("content-type")! } }).formData() };
    } catch {
      return refuse(400, "The form data is malformed.");
    }
  } else {
    parsed = { text: new TextDecoder().decode(body) };
  }
  const problem = bodyProblem(call, parsed);
  return problem ? refuse(400, `The form's arguments ${problem}.`) : null;
}
