// The malformed values the fuzz corpus is made of: pools of strings, numbers, dates and
// whole bodies that a careless boundary turns into a 5xx. They are plain data; corpus.ts
// picks from them with a seeded generator. None of them contains text the oracle looks
// for (stack frames, `Error:`, SQL), so a page that shows a stored value back is no false alarm.

/** JSON text sent as is: what JSON.stringify cannot write (1e309, -0, 2^63 exactly, duplicate keys). */
export class RawJson {
  constructor(readonly text: string) {}
}

export type Json = null | boolean | number | string | RawJson | Json[] | { [key: string]: Json };

/** JSON text for a value; RawJson parts go in verbatim and own `__proto__` keys are kept. */
export function jsonText(value: Json): string {
  if (value instanceof RawJson) return value.text;
  if (Array.isArray(value)) return `[${value.map(jsonText).join(",")}]`;
  if (value !== null && typeof value === "object") {
    return `{${Object.entries(value)
      .map(([k, v]) => `${JSON.stringify(k)}:${jsonText(v)}`)
      .join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

/** An object with an own, enumerable key named `key` (an object literal's `__proto__:` would set the prototype instead). */
export function withKey(base: { [key: string]: Json }, key: string, value: Json): { [key: string]: Json } {
  const copy: { [key: string]: Json } = { ...base };
  Object.defineProperty(copy, key, { value, enumerable: true, writable: true, configurable: true });
  return copy;
}

export const BAD_STRINGS: readonly string[] = [
  "",
  " ",
  "\t\r\n",
  "\u0000",
  "a\u0000b",
  "\u0000".repeat(16),
  "😀",
  "😀".repeat(3000),
  "\ud800",
  "x\udfffy",
  "\u202egnp.exe",
  "\ufeff",
  "e\u0301".repeat(400),
  "\u200b\u200d",
  "<script>alert(1)</script>",
  '"><img src=x onerror=alert(1)>',
  "' OR '1'='1' --",
  "1; DROP TABLE users",
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template-injection probe, sent as plain text
  "${7*7}{{7*7}}",
  "%00%ff%",
  "../../../../etc/passwd",
  "\r\nX-Injected: yes",
  "null",
  "undefined",
  "NaN",
  "Infinity",
  "-1",
  "1e309",
  "true",
  "[]",
  "{}",
  "__proto__",
  "constructor",
  "x".repeat(201),
  "x".repeat(20_001),
  "ü".repeat(60_000),
];

export const BAD_NUMBERS: readonly Json[] = [
  0,
  -1,
  1.5,
  1e21,
  5e-324,
  Number.MAX_SAFE_INTEGER,
  new RawJson("-0"),
  new RawJson("1e309"),
  new RawJson("-1e309"),
  new RawJson("9007199254740993"),
  new RawJson("9223372036854775808"),
  new RawJson("-9223372036854775809"),
  new RawJson("123456789012345678901234567890"),
  new RawJson("0.0000000000000000000000001"),
  "NaN",
  "Infinity",
  "-Infinity",
  "0x10",
  " 1 ",
];

const DAY_MS = 86_400_000;

/** Timestamps no boundary may store or choke on, plus the edges of what is allowed (computed from `now`). */
export function badDates(now: number): Json[] {
  return [
    "0000-01-01",
    "0000-01-01T00:00:00Z",
    "0000-01-01T00:00:00.000Z",
    "9999-12-31",
    "9999-12-31T23:59:59Z",
    "9999-12-31T23:59:59.999+14:00",
    "+275760-09-13T00:00:00.000Z",
    "+275760-09-13T00:00:00.001Z",
    "-271821-04-20T00:00:00.000Z",
    "-000001-01-01T00:00:00Z",
    "1969-12-31T23:59:59Z",
    "1970-01-01T00:00:00Z",
    "2026-02-30T00:00:00Z",
    "2026-13-01T00:00:00Z",
    "2026-11-28T24:00:00Z",
    "2026-11-28T23:59:60Z",
    "2026-11-28T09:30:00+25:00",
    "2026-11-28T09:30:00",
    "2026-11-28T09:30",
    "0000-01-01T00:00",
    "9999-12-31T23:59",
    "275760-09-13T00:00",
    "2026-11-28T09:30:00.1234567890123Z",
    "now",
    "1e309",
    "",
    0,
    -1,
    8.64e15,
    new RawJson("8640000000000001"),
    new RawJson("1e309"),
    new Date(now + 3_600_000).toISOString(),
    new Date(now - 30 * DAY_MS).toISOString(),
    new Date(now + 11 * 365 * DAY_MS).toISOString(),
  ];
}

/** Values of the wrong type for any field. */
export const WRONG_TYPES: readonly Json[] = [null, true, false, [], {}, [null], [[[]]], { a: 1 }, [{}, {}], "", 0];

/** Whole bodies that are not the JSON any endpoint expects, as text. */
export function badBodyTexts(): string[] {
  return [
    "",
    " ",
    "{",
    "}",
    "[1,2",
    '{"a":1,}',
    "{'a':1}",
    '{"a":1}{"b":2}',
    "nul",
    "undefined",
    "NaN",
    "\u0000",
    '{"name":"\u0000"}',
    '{"a":"\\ud800"}',
    "\ufeff{}",
    '{"a":1,"a":2,"a":3}',
    '{"__proto__":{"admin":true}}',
    '{"constructor":{"prototype":{"admin":true}}}',
    "[]",
    "[{}]",
    '"just a string"',
    "42",
    "1e309",
    "true",
    "null",
    `${"[".repeat(20_000)}${"]".repeat(20_000)}`,
    `${'{"a":'.repeat(5_000)}1${"}".repeat(5_000)}`,
    "name=x&body=y",
    '--boundary\r\nContent-Disposition: form-data; name="a"\r\n\r\nb\r\n--boundary--',
  ];
}

/** Bodies as bytes that are not UTF-8 at all. */
export const INVALID_UTF8: readonly Buffer[] = [
  Buffer.from([0xff, 0xfe, 0xfd]),
  Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0x22, 0x7d]), // {"a":"\xc3("}
  Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xed, 0xa0, 0x80, 0x22, 0x7d]), // a UTF-8-encoded surrogate
  Buffer.from([0xc0, 0xaf, 0xe0, 0x80, 0xaf]), // overlong encodings
  Buffer.from([0xfe, 0xff, 0x00, 0x7b, 0x00, 0x7d]), // UTF-16 with a BOM
];

export const CONTENT_TYPES: readonly (string | null)[] = [
  null,
  "",
  "text/plain",
  "application/x-www-form-urlencoded",
  "multipart/form-data",
  "multipart/form-data; boundary=",
  "application/json; charset=utf-16",
  "application/json; charset=latin1",
  "APPLICATION/JSON",
  "application/jsonp",
  "application/json;;;",
  "application/xml",
  "image/png",
  "*/*",
  "\u00e9",
];

export const BAD_PATH_SEGMENTS: readonly string[] = [
  "%ff",
  "%",
  "%f",
  "%zz",
  "%c0%af",
  "%ed%a0%80",
  "%00",
  "a%00b",
  "%2e%2e",
  "..",
  "..%2f..%2f..%2fetc%2fpasswd",
  "%2f",
  "%5c",
  ";x=1",
  "~",
  "*",
  "%20",
  "%E2%80%AE",
  "%F0%9F%98%80",
  "x".repeat(65),
  "x".repeat(3000),
  "cl-invalid_but_plausible-id",
  "0",
  "-1",
  "null",
  "__proto__",
  "constructor",
];

export const BAD_QUERIES: readonly string[] = [
  "?",
  "?&&&",
  "?=",
  "?a",
  "?%ff=%ff",
  "?a=%",
  "?a=%00",
  "?page=0",
  "?page=-1",
  "?page=1e309",
  "?page=0x10",
  "?page=99999999999999999999",
  "?page=NaN",
  "?page[]=1",
  "?page=1&page=2",
  "?component=%ff",
  "?component=",
  "?component=%00",
  `?component=${"x".repeat(5000)}`,
  "?__proto__[admin]=1",
  "?constructor=1",
  "?state=all&limit=1e309",
  "?limit=-0",
  "?limit=0",
  "?limit=101",
  "?limit=abc",
  "?state=%E2%80%AE",
  "?style=%ff&label=%00&color=%",
  `?label=${"x".repeat(3000)}`,
  "?token=%ff",
  "?token=",
  `?token=${"x".repeat(4000)}`,
  "?_rsc=%ff",
];

/**
 * Header values that break naive parsing: Accept-Encoding q-values, ETags, dates, cookies.
 * Framing headers (Content-Length, Transfer-Encoding, Expect) and Host are wire cases (cases.ts):
 * undici refuses them, and a refused request can stall its whole connection pool.
 */
export const ODD_HEADERS: readonly [string, string][] = [
  ["accept-encoding", "gzip;q=NaN, br;q=2, *;q=-1, identity;q=0"],
  ["accept-encoding", "*;q=0"],
  ["accept-encoding", "identity;q=0"],
  ["accept-encoding", `${"gzip, ".repeat(1500)}br`],
  ["accept-encoding", ";;;,,,q="],
  ["if-none-match", "*"],
  ["if-none-match", 'W/"'],
  ["if-none-match", `"${"a".repeat(4000)}"`],
  ["if-none-match", '"", , W/, "x"'],
  ["if-modified-since", "Thu, 01 Jan 0000 00:00:00 GMT"],
  ["if-modified-since", "not a date"],
  ["range", "bytes=-1-2"],
  ["range", "bytes=99999999999999999999-"],
  ["accept", "*/*;q=NaN"],
  ["accept", "text/x-component"],
  ["accept-language", "\u00e9".repeat(10)],
  ["cookie", "vigil_session=%ff"],
  ["cookie", "vigil_session="],
  ["cookie", `vigil_session=${"x".repeat(4000)}`],
  ["cookie", "=;=;;vigil_session"],
  ["authorization", "Bearer"],
  ["authorization", "Bearer vgl_"],
  ["authorization", "Basic Zm9vOmJhcg=="],
  ["authorization", `Bearer ${"x".repeat(8000)}`],
  ["x-forwarded-for", "not-an-ip, ::ffff:999.1.1.1, , 1.2.3.4:80"],
  ["x-forwarded-host", "%ff"],
  ["x-forwarded-proto", "gopher"],
  ["origin", "null"],
  ["origin", "http://[::1"],
  ["origin", "%ff"],
  ["rsc", "1"],
  ["next-router-state-tree", "%ff"],
  ["next-router-state-tree", "[[[[[["],
  ["next-router-state-tree", encodeURIComponent('["",{"children":["__PAGE__",{}]},null,null,true]')],
  ["next-router-prefetch", "1"],
  ["next-router-segment-prefetch", "/%ff"],
  ["next-url", "%ff"],
  ["x-middleware-subrequest", "middleware:middleware:middleware:middleware:middleware"],
  ["x-vigil-render", "not-the-token"],
  ["x-nextjs-data", "1"],
  ["idempotency-key", "\u00e9".repeat(300)],
  ["idempotency-key", "x".repeat(5000)],
];

export const ODD_METHODS: readonly string[] = [
  "TRACE",
  "TRACK",
  "PROPFIND",
  "PROPPATCH",
  "MKCOL",
  "COPY",
  "MOVE",
  "LOCK",
  "UNLOCK",
  "PURGE",
  "LINK",
  "SEARCH",
  "QUERY",
  "REPORT",
  "FOO",
  "M-SEARCH",
];
