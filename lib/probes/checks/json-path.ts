// A small JSONPath subset for HTTP JSON assertions: `$`, `.key`, `["key"]` (or
// ['key']) and `[0]`. No wildcards, filters or slices: each path names at most one
// value, so every assertion has one clear answer.
//
//   parseJsonPath("$.items[0][\"display name\"]") -> ["items", 0, "display name"]
//   checkJsonAssertion(doc, { path: "$.status", op: "==", value: "ok" }) -> null | failure sentence

export type JsonPathSegment = string | number;
export type JsonPrimitive = string | number | boolean | null;

export const JSON_ASSERTION_OPS = ["==", "!=", "exists", "<", ">", "contains"] as const;
export type JsonAssertionOp = (typeof JSON_ASSERTION_OPS)[number];

export interface JsonAssertion {
  path: string;
  op: JsonAssertionOp;
  value?: JsonPrimitive;
}

/** Segments, or an error sentence. */
export function parseJsonPath(path: string): JsonPathSegment[] | string {
  if (!path.startsWith("$")) return `"${path}" must start with $`;
  const segments: JsonPathSegment[] = [];
  let i = 1;
  while (i < path.length) {
    const ch = path[i];
    if (ch === ".") {
      const match = /^[^.[\]\s"']+/.exec(path.slice(i + 1));
      if (!match) return `"${path}" has an empty or invalid key after "." at position ${i}`;
      segments.push(match[0]);
      i += 1 + match[0].length;
    } else if (ch === "[") {
      const rest = path.slice(i);
      const index = /^\[(\d+)\]/.exec(rest);
      const quoted = /^\[("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')\]/.exec(rest);
      if (index?.[1] !== undefined) {
        segments.push(Number(index[1]));
        i += index[0].length;
      } else if (quoted?.[1] !== undefined) {
        segments.push(unquote(quoted[1]));
        i += quoted[0].length;
      } else {
        return `"${path}" has an invalid [...] at position ${i}; use [0] or ["key"]`;
      }
    } else {
      return `"${path}" has an unexpected "${ch}" at position ${i}`;
    }
  }
  return segments;
}

// The regex in parseJsonPath guarantees each backslash escapes one character and the
// closing quote is not escaped; `\\` and `\"` (or `\'`) are the escapes that matter.
function unquote(literal: string): string {
  let out = "";
  for (let i = 1; i < literal.length - 1; i++) {
    const ch = literal[i] ?? "";
    if (ch === "\\") {
      i += 1;
      out += literal[i] ?? "";
    } else {
      out += ch;
    }
  }
  return out;
}

export type Lookup = { found: true; value: unknown } | { found: false };

export function readJsonPath(doc: unknown, segments: readonly JsonPathSegment[]): Lookup {
  let current: unknown = doc;
  for (const segment of segments) {
    if (typeof segment === "number") {
      if (!Array.isArray(current) || segment >= current.length) return { found: false };
      current = current[segment];
    } else {
      // Own properties only: "$.constructor" must not find Object's prototype.
      if (current === null || typeof current !== "object" || Array.isArray(current)) return { found: false };
      if (!Object.hasOwn(current, segment)) return { found: false };
      current = (current as Record<string, unknown>)[segment];
    }
  }
  return { found: true, value: current };
}

/**
 * null when the assertion holds, else a sentence saying what was expected and what *kind*
 * of value was found, never the value itself: a probe may point at an internal service
 * (a metadata endpoint's token), and its messages reach every staff role and the audit.
 */
export function checkJsonAssertion(doc: unknown, assertion: JsonAssertion): string | null {
  const segments = parseJsonPath(assertion.path);
  if (typeof segments === "string") return `Invalid path ${segments}`;
  const { path, op, value } = assertion;
  const expectation = op === "exists" ? `${path} to exist` : `${path} ${op} ${show(value ?? null)}`;
  const lookup = readJsonPath(doc, segments);
  if (!lookup.found) return `Expected ${expectation}, but there is no value at ${path}`;
  if (op === "exists") return null;
  const actual = lookup.value;
  const got = `Expected ${expectation}, got ${describeKind(actual, value ?? null)}`;
  switch (op) {
    case "==":
      return actual === (value ?? null) ? null : got;
    case "!=":
      return actual !== (value ?? null) ? null : `Expected ${expectation}, got exactly that`;
    case "<":
    case ">":
      if (typeof actual !== "number" || typeof value !== "number") return got;
      return (op === "<" ? actual < value : actual > value) ? null : `Expected ${expectation}, got a number ${op === "<" ? "not below" : "not above"} it`;
    case "contains":
      if (typeof actual === "string" && typeof value === "string") return actual.includes(value) ? null : got;
      if (Array.isArray(actual)) return actual.some((item) => item === (value ?? null)) ? null : got;
      return got;
  }
}

/** "a different string", "a number", "an array of 3 items", "null": the shape, not the content. */
function describeKind(actual: unknown, expected: unknown): string {
  if (actual === null) return "null";
  if (Array.isArray(actual)) return `an array of ${actual.length} item${actual.length === 1 ? "" : "s"}`;
  const kind = typeof actual === "object" ? "object" : typeof actual;
  const article = kind === "object" ? "an" : "a";
  return typeof expected === typeof actual && actual !== expected ? `${article} different ${kind}` : `${article} ${kind}`;
}

function show(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
