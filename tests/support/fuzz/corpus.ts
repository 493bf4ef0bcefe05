// The fuzz corpus: requests built from the surface (surface.ts) and the malformed values
// (values.ts) by fast-check's seeded generators, so one seed always gives the same list.
//
//   buildCorpus(surface, { seed, size }) -> the pinned cases (cases.ts) + `size` generated ones
//
// Outgoing traffic stays on loopback: the only URLs and hosts the corpus ever puts where
// the app would connect (webhook targets, probe checks, CSV imports) are the sink's or
// literal loopback addresses; random text never goes into those fields.
import fc from "fast-check";
import { API_ROUTES, type ApiRoute } from "@/lib/api/manage/routes";
import { V1_ROUTES, type V1Route } from "@/lib/statuspage/v1/routes";
import { pinnedCases } from "./cases";
import { paramValues } from "./paths";
import { type FuzzRequest, MULTIPART_TYPE, multipart, request } from "./request";
import type { ActionArg, ServerAction, Surface } from "./surface";
import {
  BAD_NUMBERS,
  BAD_PATH_SEGMENTS,
  BAD_QUERIES,
  BAD_STRINGS,
  badBodyTexts,
  badDates,
  CONTENT_TYPES,
  INVALID_UTF8,
  type Json,
  jsonText,
  ODD_HEADERS,
  ODD_METHODS,
  RawJson,
  WRONG_TYPES,
  withKey,
} from "./values";

type JsonObject = { [key: string]: Json };

function pick<T>(items: readonly T[]): fc.Arbitrary<T> {
  if (items.length === 0) throw new Error("the fuzz corpus cannot pick from an empty list");
  return fc.constantFrom(...items);
}
/** Ids of one kind; a placeholder when the database has none, so the family still runs. */
const pickId = (ids: readonly string[]) => pick(ids.length > 0 ? ids : ["no-such-id"]);
const maybe = <T>(arb: fc.Arbitrary<T>, freq = 2): fc.Arbitrary<T | undefined> => fc.option(arb, { freq, nil: undefined });
const short = (value: unknown): string => {
  const text = value instanceof RawJson ? value.text : Buffer.isBuffer(value) ? `<${value.length} bytes>` : (JSON.stringify(value) ?? String(value));
  return text.length > 60 ? `${text.slice(0, 57)}…(${text.length})` : text;
};

// ── Values ─────────────────────────────────────────────────────────────────

function badValue(now: number): fc.Arbitrary<Json> {
  const codeUnits = fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 12 });
  return fc.oneof(
    { weight: 4, arbitrary: pick(BAD_STRINGS) },
    { weight: 3, arbitrary: pick(BAD_NUMBERS) },
    { weight: 3, arbitrary: pick(badDates(now)) },
    { weight: 3, arbitrary: pick(WRONG_TYPES) },
    { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 40 }) },
    { weight: 1, arbitrary: codeUnits },
    { weight: 1, arbitrary: fc.double().map((d): Json => (Number.isFinite(d) ? d : new RawJson(String(d)))) },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<Json> },
    { weight: 1, arbitrary: fc.integer({ min: 50, max: 5000 }).map((depth) => new RawJson(`${"[".repeat(depth)}${"]".repeat(depth)}`)) },
  );
}

/** A form field's value: text only (FormData has no types), from the same pools. */
function badText(now: number): fc.Arbitrary<string> {
  return badValue(now).map((v) => (typeof v === "string" ? v : v instanceof RawJson ? v.text : jsonText(v)));
}

const EXTRA_KEYS = ["__proto__", "constructor", "prototype", "", " ", "a.b", "0", "x".repeat(300), "\u0000", "toString", "$where", "id", "kind", "version"];

type Path = (string | number)[];

function fieldPaths(value: Json, prefix: Path = []): Path[] {
  if (value instanceof RawJson || value === null || typeof value !== "object") return [];
  const entries: [string | number, Json][] = Array.isArray(value) ? value.map((v, i) => [i, v]) : Object.entries(value);
  return entries.flatMap(([key, child]) => [[...prefix, key], ...fieldPaths(child, [...prefix, key])]);
}

/** A copy of `value` with the field at `path` replaced (or removed, for undefined). */
function setAt(value: Json, path: Path, replacement: Json | undefined): Json {
  if (path.length === 0) return replacement ?? null;
  const [head, ...rest] = path;
  if (Array.isArray(value)) {
    const copy = [...value];
    if (rest.length === 0 && replacement === undefined) copy.splice(Number(head), 1);
    else copy[Number(head)] = setAt(copy[Number(head)] ?? null, rest, replacement);
    return copy;
  }
  if (value === null || typeof value !== "object" || value instanceof RawJson) return value;
  const copy: JsonObject = { ...value };
  if (rest.length === 0 && replacement === undefined) delete copy[String(head)];
  else copy[String(head)] = setAt(copy[String(head)] ?? null, rest, replacement);
  return copy;
}

interface Body {
  label: string;
  body: string | Buffer;
  contentType: string | null;
}

const JSON_TYPE = "application/json";

/** A JSON body that is `base` with one thing wrong: a field's value, a missing field, an extra key, the type, the bytes, the size. */
function mutatedJson(base: JsonObject, now: number, fixed: readonly string[] = []): fc.Arbitrary<Body> {
  const paths = fieldPaths(base).filter((p) => !fixed.includes(String(p[0])));
  const json = (label: string, value: Json): Body => ({ label, body: jsonText(value), contentType: JSON_TYPE });
  const options: fc.Arbitrary<Body>[] = [
    fc.tuple(pick(EXTRA_KEYS), badValue(now)).map(([key, value]) => json(`extra key ${short(key)} = ${short(value)}`, withKey(base, key, value))),
    pick(badBodyTexts()).map((text) => ({ label: `body ${short(text)}`, body: text, contentType: JSON_TYPE })),
    pick(WRONG_TYPES).map((value) => json(`body is ${short(value)}`, value)),
    pick(CONTENT_TYPES).map((type) => ({ label: `content-type ${short(type)}`, body: jsonText(base), contentType: type })),
    pick(INVALID_UTF8).map((bytes) => ({ label: `invalid UTF-8 ${bytes.toString("hex")}`, body: bytes, contentType: JSON_TYPE })),
    pick([200_000, 1_100_000]).map((size) => json(`padded to ${size} bytes`, { ...base, padding: "x".repeat(size) })),
  ];
  if (paths.length > 0) {
    options.push(
      fc.tuple(pick(paths), badValue(now)).map(([path, value]) => json(`${path.join(".")} = ${short(value)}`, setAt(base, path, value))),
      fc.tuple(pick(paths), badValue(now)).map(([path, value]) => json(`${path.join(".")} = ${short(value)}`, setAt(base, path, value))),
      pick(paths).map((path) => json(`without ${path.join(".")}`, setAt(base, path, undefined))),
    );
  }
  return fc.oneof(...options);
}

/** Every byte but letters and digits as %XX (encodeURIComponent throws on a lone surrogate; this sends its UTF-8 replacement). */
function percentEncoded(text: string): string {
  return [...Buffer.from(text, "utf8")]
    .map((b) => (/[A-Za-z0-9]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `%${b.toString(16).padStart(2, "0")}`))
    .join("");
}

// ── Paths ──────────────────────────────────────────────────────────────────

/** Real values for a route's dynamic segment, by route pattern. */
/** A concrete path for a route pattern: each dynamic segment a real value or, sometimes, a malformed one. */
function concretePath(route: string, s: Surface): fc.Arbitrary<string> {
  const segments = route.match(/\[[^\]]+\]/g) ?? [];
  if (segments.length === 0) return fc.constant(route);
  const segment = fc.oneof({ weight: 3, arbitrary: pickId(paramValues(route, s)) }, { weight: 1, arbitrary: pick(BAD_PATH_SEGMENTS) });
  return fc.array(segment, { minLength: segments.length, maxLength: segments.length }).map((values) => {
    let i = 0;
    return route.replace(/\[[^\]]+\]/g, () => values[i++]!);
  });
}

function isPublic(route: string): boolean {
  return !/^\/(console|api\/manage|api\/probes|login|setup|mfa|v1)\b/.test(route);
}

const isConsole = (route: string) => /^\/(console|login|setup|mfa)\b/.test(route);

/** A path to a route, sometimes bent: doubled slashes, a dot segment, a trailing slash, case, a bad segment. */
function bentPath(s: Surface): fc.Arbitrary<{ label: string; path: string }> {
  const bends: [string, (p: string, seg: string) => string][] = [
    ["as is", (p) => p],
    ["double slash", (p) => `/${p}`],
    ["inner double slash", (p) => p.replace(/(?<=.)\/(?=[^/]*$)/, "//")],
    ["dot segment", (p) => `/.${p}`],
    ["dot-dot", (p) => `/x/..${p}`],
    ["encoded dot-dot", (p) => `/x/%2e%2e${p}`],
    ["trailing slash", (p) => `${p}/`],
    ["upper case", (p) => p.toUpperCase()],
    ["bad last segment", (p, seg) => `${p.replace(/\/[^/]*$/, "")}/${seg}`],
    ["bad extra segment", (p, seg) => `${p}/${seg}`],
    ["double-encoded", (p) => p.replace(/(?!^)\//g, "%252f")],
    ["encoded slash", (p) => p.replace(/(?<=.)\/(?=[^/]*$)/, "%2f")],
  ];
  return fc
    .tuple(pick(s.routes), pick(bends), pick(BAD_PATH_SEGMENTS))
    .chain(([route, [name, bend], seg]) => concretePath(route, s).map((p) => ({ label: `${name} ${route}`, path: bend(p, seg) })));
}

const NEXT_PATHS = [
  "/_next/static/%ff",
  "/_next/static/chunks/..%2f..%2fpackage.json",
  "/_next/static/chunks/%00.js",
  "/_next/image?url=%ff&w=1e309&q=-1",
  "/_next/image?url=/icon.svg&w=0&q=0",
  "/_next/image?url=/icon.svg&w=99999999999999999999&q=101",
  "/_next/image?url=//127.0.0.1/x&w=64&q=75",
  "/_next/data/x/index.json",
  "/_next/webpack-hmr",
  "/__nextjs_original-stack-frame?file=%ff",
  "/favicon.ico",
  "/icon.svg?%ff",
  "/robots.txt",
  "/.env",
  "/.git/config",
  "/package.json",
  "/prisma/models.prisma",
];

// ── Request families ───────────────────────────────────────────────────────

const headerArb = (count = 3) => fc.array(pick(ODD_HEADERS), { minLength: 1, maxLength: count });

function publicRead(s: Surface): fc.Arbitrary<FuzzRequest> {
  return fc
    .tuple(pick(s.routes.filter(isPublic)), pick(["GET", "GET", "GET", "HEAD"]), maybe(pick(BAD_QUERIES), 1), maybe(headerArb(), 2))
    .chain(([route, method, query, headers]) =>
      concretePath(route, s).map((path) =>
        request(
          `public ${method} ${route}${query ? ` query ${short(query)}` : ""}${headers ? ` headers ${short(headers)}` : ""}`,
          method,
          `${path}${query ?? ""}`,
          headers ?? [],
        ),
      ),
    );
}

function oddMethod(s: Surface): fc.Arbitrary<FuzzRequest> {
  return fc
    .tuple(pick(s.routes), pick([...ODD_METHODS, "OPTIONS", "PUT", "PATCH", "DELETE", "POST"]), maybe(pick(badBodyTexts()), 2))
    .chain(([route, method, body]) =>
      concretePath(route, s).map((path) => request(`method ${method} ${route}`, method, path, body ? [["content-type", JSON_TYPE]] : [], body)),
    );
}

function bentPaths(s: Surface): fc.Arbitrary<FuzzRequest> {
  return fc.oneof(
    { weight: 4, arbitrary: fc.tuple(bentPath(s), pick(["GET", "HEAD", "POST"])).map(([{ label, path }, method]) => request(`path ${label}`, method, path)) },
    { weight: 1, arbitrary: pick(NEXT_PATHS).map((path) => request(`next path ${path}`, "GET", path)) },
  );
}

function consoleRead(s: Surface): fc.Arbitrary<FuzzRequest> {
  return fc
    .tuple(
      pick(s.routes.filter(isConsole)),
      fc.boolean(),
      maybe(pick(["?q=%00", "?actor=a%00b&action=%ff", "?before=0000-01-01", "?before=9999-99-99", ...BAD_QUERIES]), 1),
      maybe(headerArb(), 3),
    )
    .chain(([route, signedIn, query, headers]) =>
      concretePath(route, s).map((path) =>
        request(
          `console GET ${route}${signedIn ? " signed in" : ""}${query ? ` query ${short(query)}` : ""}${headers ? ` headers ${short(headers)}` : ""}`,
          "GET",
          `${path}${query ?? ""}`,
          [...(signedIn ? ([["cookie", s.sessionCookie]] as [string, string][]) : []), ...(headers ?? [])],
        ),
      ),
    );
}

/** The body for an operation of the management API that its schema accepts; the fuzzer bends one thing in it. */
const TINY_PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";

function validApiBody(route: ApiRoute, s: Surface): JsonObject | null {
  const component = s.ids.component[0] ?? "none";
  const hour = (h: number) => new Date(s.now + h * 3_600_000).toISOString();
  const bodies: Record<string, JsonObject> = {
    "PUT /components/{id}/status": { status: "degraded_performance" },
    "POST /incidents": { name: "Fuzzed incident", impact: "minor", body: "Investigating.", components: [{ id: component, status: "partial_outage" }] },
    "PATCH /incidents/{id}": { name: "Renamed by the fuzzer", impact: "major", expected_version: 1 },
    "POST /incidents/{id}/updates": {
      status: "identified",
      body: "Found it.",
      display_at: hour(0),
      components: [{ id: component, status: "major_outage" }],
      notify_subscribers: false,
      expected_version: 1,
    },
    "POST /maintenances": {
      name: "Fuzzed window",
      body: "Upgrading.",
      scheduled_for: hour(1),
      scheduled_until: hour(2),
      components: [component],
      remind_before_minutes: 30,
    },
    "POST /maintenances/{id}/cancel": { body: "Called off.", notify_subscribers: false },
    // Settings the rest of the run does not depend on (not the name or the URL).
    "PATCH /settings": { meta_description: "Fuzzed description", brand_color: "#0b7285", footer_links: [{ label: "Privacy", url: "https://example.com/p" }] },
    "PUT /settings/logo": { data: TINY_PNG },
    "PUT /settings/favicon": { data: TINY_PNG },
    "POST /components": { name: "Fuzzed component", description: "Made by the fuzzer" },
    "PATCH /components/{id}": { description: "Edited by the fuzzer", show_uptime: true },
    // A stale or partial order is refused (400): the fuzzer cannot know the whole page.
    "PUT /components/order": { items: [{ type: "component", id: component }] },
    "POST /groups": { name: "Fuzzed group" },
    "PATCH /groups/{id}": { name: "Renamed group" },
    "POST /components/{id}/probes": { check: { kind: "tcp", host: "127.0.0.1", port: 9 }, schedule: { intervalSeconds: 60 }, enabled: false },
    "PATCH /probes/{id}": { name: "Renamed probe", enabled: false },
    "POST /probes/test": { kind: "tcp", host: "127.0.0.1", port: 9 },
    "POST /subscribers": { channel: "webhook", target: "http://127.0.0.1:9/fuzz-hook" },
    "POST /subscribers/import": { csv: "channel,target,components,confirmed\nwebhook,http://127.0.0.1:9/fuzz-import,,true\n" },
    "POST /templates": { name: "Fuzzed template", title: "Fuzzed incident", status: "investigating", body: "Looking." },
    "PATCH /templates/{id}": { body: "Edited by the fuzzer." },
  };
  return route.body ? (bodies[`${route.method} ${route.path}`] ?? {}) : null;
}

/** Every management API operation needs a valid body above, or the fuzzer would only ever send it nonsense. */
export function apiRoutesWithoutBody(s: Surface): string[] {
  return API_ROUTES.filter((r) => r.body && Object.keys(validApiBody(r, s) ?? {}).length === 0).map((r) => `${r.method} ${r.path}`);
}

function apiPath(route: ApiRoute, s: Surface): fc.Arbitrary<string> {
  const real = route.path.startsWith("/components") ? s.ids.component : [...s.ids.incident, ...s.ids.maintenance];
  return fc
    .oneof({ weight: 4, arbitrary: pickId(real) }, { weight: 1, arbitrary: pick(BAD_PATH_SEGMENTS) })
    .map((id) => `/api/manage/v1${route.path.replace("{id}", id)}`);
}

function manageApi(s: Surface): fc.Arbitrary<FuzzRequest> {
  const auth = fc.oneof(
    { weight: 8, arbitrary: fc.constant<[string, string] | null>(["authorization", `Bearer ${s.apiKey}`]) },
    { weight: 1, arbitrary: fc.constant<[string, string] | null>(null) },
    { weight: 1, arbitrary: pick(ODD_HEADERS.filter(([n]) => n === "authorization")) as fc.Arbitrary<[string, string] | null> },
  );
  const method = (route: ApiRoute) =>
    fc.oneof({ weight: 9, arbitrary: fc.constant(route.method) }, { weight: 1, arbitrary: pick(["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "HEAD"]) });
  return fc
    .tuple(pick(API_ROUTES), auth, maybe(pick(ODD_HEADERS.filter(([n]) => n.startsWith("idempotency") || n.startsWith("accept"))), 1))
    .chain(([route, authHeader, extra]) => {
      const base = validApiBody(route, s);
      const headers: [string, string][] = [...(authHeader ? [authHeader] : []), ...(extra ? [extra] : [])];
      const what = `manage ${route.method} ${route.path}`;
      if (base === null) {
        return fc
          .tuple(apiPath(route, s), method(route), maybe(pick(BAD_QUERIES), 1))
          .map(([path, m, query]) => request(`${what}${query ? ` query ${short(query)}` : ""}`, m, `${path}${query ?? ""}`, headers));
      }
      return fc
        .tuple(apiPath(route, s), method(route), mutatedJson(base, s.now))
        .map(([path, m, body]) =>
          request(
            `${what}: ${body.label}`,
            m,
            path,
            [...headers, ...(body.contentType === null ? [] : ([["content-type", body.contentType]] as [string, string][]))],
            body.body,
          ),
        );
    });
}

/** A body Statuspage's v1 API accepts, per operation (docs/api.md); the fuzzer bends one thing in it. */
function validV1Body(route: V1Route, s: Surface): JsonObject | null {
  const component = s.ids.component[0] ?? "none";
  const bodies: Record<string, JsonObject> = {
    "POST /pages/{page_id}/incidents": {
      incident: {
        name: "Fuzzed v1 incident",
        status: "investigating",
        body: "Looking.",
        components: { [component]: "partial_outage" },
        deliver_notifications: false,
      },
    },
    "PATCH /pages/{page_id}/incidents/{id}": { incident: { status: "identified", body: "Found it.", deliver_notifications: false } },
    "PUT /pages/{page_id}/incidents/{id}": { incident: { name: "Renamed by the v1 fuzzer", impact_override: "minor" } },
    "PATCH /pages/{page_id}/incidents/{incident_id}/incident_updates/{id}": { incident_update: { body: "Edited by the v1 fuzzer." } },
    "PUT /pages/{page_id}/incidents/{incident_id}/incident_updates/{id}": { incident_update: { body: "Edited again." } },
    "PATCH /pages/{page_id}/components/{id}": { component: { status: "degraded_performance" } },
    "PUT /pages/{page_id}/components/{id}": { component: { description: "Fuzzed description" } },
    "POST /pages/{page_id}/subscribers": { subscriber: { email: "fuzz-v1@example.com", skip_confirmation_notification: true } },
  };
  return route.body ? (bodies[`${route.method} ${route.path}`] ?? {}) : null;
}

/** Every v1 operation with a body needs a valid one above. */
export function v1RoutesWithoutBody(s: Surface): string[] {
  return V1_ROUTES.filter((r) => r.body && Object.keys(validV1Body(r, s) ?? {}).length === 0).map((r) => `${r.method} ${r.path}`);
}

function v1Path(route: V1Route, s: Surface): fc.Arbitrary<string> {
  const ids = route.path.includes("/components")
    ? s.ids.component
    : route.path.includes("/subscribers")
      ? s.ids.subscriber
      : [...s.ids.incident, ...s.ids.maintenance];
  return fc
    .tuple(
      fc.oneof({ weight: 6, arbitrary: fc.constant(s.statuspagePageId) }, { weight: 1, arbitrary: pick(BAD_PATH_SEGMENTS) }),
      fc.oneof({ weight: 4, arbitrary: pickId(ids) }, { weight: 1, arbitrary: pick(BAD_PATH_SEGMENTS) }),
    )
    .map(
      ([page, id]) =>
        `/v1${route.path
          .replace("{page_id}", page)
          .replace("{incident_id}", s.ids.incident[0] ?? "none")
          .replace("{id}", route.path.includes("incident_updates") ? (s.ids.update[0] ?? "none") : id)}`,
    );
}

function statuspageV1(s: Surface): fc.Arbitrary<FuzzRequest> {
  const auth = fc.oneof(
    { weight: 8, arbitrary: fc.constant<[string, string] | null>(["authorization", `OAuth ${s.apiKey}`]) },
    { weight: 1, arbitrary: fc.constant<[string, string] | null>(null) },
    { weight: 1, arbitrary: pick(ODD_HEADERS.filter(([n]) => n === "authorization")) as fc.Arbitrary<[string, string] | null> },
  );
  return fc.tuple(pick(V1_ROUTES), auth).chain(([route, authHeader]) => {
    const base = validV1Body(route, s);
    const headers: [string, string][] = authHeader ? [authHeader] : [];
    const what = `statuspage v1 ${route.method} ${route.path}`;
    if (base === null) {
      return fc
        .tuple(v1Path(route, s), maybe(pick(BAD_QUERIES), 1))
        .map(([path, query]) => request(`${what}${query ? ` query ${short(query)}` : ""}`, route.method, `${path}${query ?? ""}`, headers));
    }
    return fc
      .tuple(v1Path(route, s), mutatedJson(base, s.now))
      .map(([path, body]) =>
        request(
          `${what}: ${body.label}`,
          route.method,
          path,
          [...headers, ...(body.contentType === null ? [] : ([["content-type", body.contentType]] as [string, string][]))],
          body.body,
        ),
      );
  });
}

// Server actions: what React's client sends (encodeReply: a text/plain JSON argument list,
// or multipart with field "0" holding it and "1_<name>" fields for a FormData argument),
// what a no-JS form posts ($ACTION_ID_…), and garbage in every part.

/** Field names the console and public forms use (lib/*\/form.ts, the form components), minus the ones that carry a destination. */
const FIELD_NAMES = [
  "name",
  "email",
  "password",
  "current",
  "confirm",
  "code",
  "body",
  "status",
  "impact",
  "displayAt",
  "scheduledFor",
  "scheduledUntil",
  "components",
  "channel",
  "formToken",
  "website",
  "scope",
  "scopes",
  "role",
  "title",
  "description",
  "groupId",
  "showUptime",
  "postmortem",
  "version",
  "creationKey",
  "notifySubscribers",
  "restoreComponents",
  "next",
  "from",
  "token",
  "check.kind",
  "check.method",
  "check.timeoutMs",
  "check.expectedStatus",
  "check.headers",
  "check.body",
  "check.jsonAssertions",
  "check.recordType",
  "schedule.intervalSeconds",
  "schedule.cron",
  "schedule.jitterSeconds",
  "thresholds.failuresToDown",
  "thresholds.successesToUp",
  "enabled",
];

/** Where a form names something the app would connect to: only loopback or clearly invalid values. */
function destinations(s: Surface): Record<string, string[]> {
  const port = new URL(s.sinkUrl).port;
  const hosts = ["127.0.0.1", "::1", "", "\u0000", "-bad-", "127.0.0.1\r\n", "x".repeat(300)];
  return {
    target: [
      s.sinkUrl,
      `http://[::1]:${port}/hook`,
      "ftp://127.0.0.1/",
      "javascript:alert(1)",
      "http://",
      "not a url",
      "user@example.com",
      "",
      "\u0000",
      `http://127.0.0.1:99999/`,
      "http://%ff/",
      "x".repeat(3000),
    ],
    "check.url": [s.sinkUrl, `${s.sinkUrl}?a=%ff`, `https://127.0.0.1:${port}/`, "http://", "ftp://127.0.0.1/", "\u0000", ""],
    "check.host": hosts,
    "check.name": ["localhost", "", "-bad-", "\u0000", "a".repeat(300)],
    "check.resolver": [`127.0.0.1:${port}`],
    "check.port": [port, "0", "65536", "-1", "1e309", ""],
    // The Statuspage importer's source (Settings → Import from Statuspage).
    pageUrl: [s.sinkUrl, `http://127.0.0.1:${port}/api/v2/summary.json`, "ftp://127.0.0.1/", "not a url", "", "\u0000"],
    csv: [
      `channel,target\nwebhook,${s.sinkUrl}\nemail,a@b\nnonsense,\u0000\n`,
      `channel,target\n${"webhook,not a url\n".repeat(2000)}`,
      "\u0000\u0000",
      '"unterminated,quote\n',
      "",
    ],
  };
}

function formFields(s: Surface): fc.Arbitrary<[string, string][]> {
  const dest = destinations(s);
  // A destination field is always present with a safe value, so a form's default cannot reach out (a DNS check without a resolver would).
  const safe: [string, string][] = [
    ["check.url", s.sinkUrl],
    ["check.host", "127.0.0.1"],
    ["check.resolver", dest["check.resolver"]![0]!],
    ["check.port", new URL(s.sinkUrl).port],
    ["check.name", "localhost"],
    ["pageUrl", s.sinkUrl],
  ];
  const random = fc.array(fc.tuple(pick(FIELD_NAMES), badText(s.now)), { maxLength: 8 });
  const curated = fc.array(
    pick(Object.keys(dest)).chain((name) => pick(dest[name]!).map((value): [string, string] => [name, value])),
    { maxLength: 3 },
  );
  const real = fc.array(
    fc.oneof(
      pickId(s.ids.component).map((id): [string, string] => ["components", id]),
      pickId(s.ids.group).map((id): [string, string] => ["groupId", id]),
      pick(["email", "webhook", "slack", "discord", "http", "tcp", "dns", "tls"]).map((v): [string, string] => [v.length > 5 ? "channel" : "check.kind", v]),
    ),
    { maxLength: 3 },
  );
  return fc.tuple(random, curated, real).map(([a, b, c]) => {
    const chosen = [...b, ...a, ...c];
    const set = new Set(chosen.map(([n]) => n));
    return [...chosen, ...safe.filter(([n]) => !set.has(n))];
  });
}

function actionArgs(s: Surface): fc.Arbitrary<string> {
  const ids = [...s.ids.component, ...s.ids.incident, ...s.ids.update, ...s.ids.user, ...s.ids.probe, ...s.ids.group, ...s.ids.session, ...s.ids.apiKey];
  const fixed = [
    "[]",
    '["$undefined"]',
    '["$undefined","$K1"]',
    '["$K1"]',
    '[null,"$K1"]',
    '[{},"$K1"]',
    '["$K1","$K1","$K1","$K1","$K1"]',
    '["$@0"]',
    '["$@1"]',
    '["$Q1"]',
    '["$W1"]',
    '["$h1"]',
    '["$F1"]',
    '["$T"]',
    '["$n99999999999999999999999"]',
    '["$D%ff"]',
    '["$DInfinity"]',
    '["$Infinity","$-Infinity","$NaN","$-0"]',
    '["$B1"]',
    '["$R1"]',
    '["$r1"]',
    '["$X1"]',
    '["$S","$E","$Y"]',
    '["$","$$","$:"]',
    '"$K1"',
    '{"a":1}',
    '"x"',
    "1e309",
    `${"[".repeat(5000)}${"]".repeat(5000)}`,
    `["$K1",${JSON.stringify("x".repeat(100_000))}]`,
    '["$',
    "[",
    "",
    "\u0000",
  ];
  const tails = ['"$undefined","$K1"', '"$K1"', "{}", '"up","$undefined"', "true,null", "[],[]"];
  return fc.oneof(
    { weight: 3, arbitrary: pick(fixed) },
    { weight: 2, arbitrary: fc.array(badValue(s.now), { maxLength: 5 }).map((args) => jsonText(args)) },
    {
      weight: 3,
      arbitrary: fc.tuple(pickId(ids), pick(tails), badValue(s.now)).map(([id, tail, extra]) => `[${JSON.stringify(id)},${tail},${jsonText(extra)}]`),
    },
    { weight: 2, arbitrary: fc.tuple(badValue(s.now), pick(tails)).map(([first, tail]) => `[${jsonText(first)},${tail}]`) },
  );
}

/** Arguments of the shapes the action declares (real ids, flags, choices; "$K1" for its form), so its own validation runs. */
function wellFormedArgs(action: ServerAction, s: Surface): fc.Arbitrary<string> {
  const ids = [...s.ids.component, ...s.ids.incident, ...s.ids.maintenance, ...s.ids.update, ...s.ids.user, ...s.ids.probe, ...s.ids.group, ...s.ids.template];
  const value = ({ kind, choices }: ActionArg): fc.Arbitrary<Json> => {
    if (kind === "id") return fc.oneof({ weight: 3, arbitrary: pickId(ids) }, { weight: 1, arbitrary: pick(BAD_STRINGS.filter((t) => t.length <= 200)) });
    if (kind === "token") return fc.oneof(pick(Object.values(s.tokens)), pick(BAD_STRINGS));
    if (kind === "flag") return fc.boolean();
    if (kind === "oneOf") return pick(choices ?? ["none"]);
    if (kind === "state") return pick<Json>(["$undefined", { ok: false, message: "earlier", fields: { name: "required" }, values: { name: "$$x" } }]);
    if (kind === "form") return fc.constant("$K1");
    return pick(BAD_STRINGS);
  };
  return fc.tuple(...action.args.map(value)).map((args) => jsonText(args));
}

const GARBAGE_ACTION_IDS = [
  "deadbeef",
  "%ff",
  "",
  " ",
  "x".repeat(2000),
  "00".repeat(21),
  "7f".repeat(21),
  "\u00e9",
  "null",
  "../../etc/passwd",
  "$ACTION_ID_",
];

function serverAction(s: Surface): fc.Arbitrary<FuzzRequest> {
  const actions = s.actions.filter((a) => a.pages.length > 0);
  return fc
    .tuple(pick(actions), fc.nat(), fc.boolean(), fc.integer({ min: 0, max: 13 }), actionArgs(s), formFields(s), maybe(headerArb(2), 2))
    .chain(([action, pageIndex, withSession, style, garbage, fields, headers]) =>
      fc.tuple(concretePath(action.pages[pageIndex % action.pages.length]!, s), wellFormedArgs(action, s)).map(([path, wellFormed]) => {
        // Styles 10 to 13: the arguments the action declares, with the form's fields as the malformed part.
        const args = style >= 10 ? wellFormed : garbage;
        // Signing out would end the session every later signed-in request relies on.
        const signedIn = withSession && action.name !== "signOut";
        const id = style === 9 ? GARBAGE_ACTION_IDS[pageIndex % GARBAGE_ACTION_IDS.length]! : action.id;
        const common: [string, string][] = [
          ["accept", "text/x-component"],
          ...(signedIn ? ([["cookie", s.sessionCookie]] as [string, string][]) : []),
          ...(headers ?? []),
        ];
        const label = `action ${action.name} at ${path}${signedIn ? " signed in" : ""}${style === 9 ? ` id ${short(id)}` : ""}`;
        if (style <= 3 || style >= 9) {
          // As React's encodeReply writes it: a FormData argument's entries under "_<n>_" ("$K<n>"),
          // then the arguments as field "0" (the server reads the entries before it).
          const body = multipart([...fields.map(([n, v]): [string, string] => [`_1_${n}`, v]), ["0", args]]);
          return request(
            `${label}: multipart args ${short(args)} fields ${short(fields.slice(0, 4))}`,
            "POST",
            path,
            [["next-action", id], ["content-type", MULTIPART_TYPE], ...common],
            body,
          );
        }
        if (style <= 5) {
          return request(
            `${label}: text args ${short(args)}`,
            "POST",
            path,
            [["next-action", id], ["content-type", "text/plain;charset=UTF-8"], ...common],
            args,
          );
        }
        if (style === 6) {
          const body = new URLSearchParams(fields).toString();
          return request(
            `${label}: urlencoded ${short(fields.slice(0, 4))}`,
            "POST",
            path,
            [["next-action", id], ["content-type", "application/x-www-form-urlencoded"], ...common],
            body,
          );
        }
        if (style === 7) {
          // A no-JS form post.
          const body = multipart([[`$ACTION_ID_${id}`, ""], ...fields]);
          return request(`${label}: no-JS form ${short(fields.slice(0, 4))}`, "POST", path, [["content-type", MULTIPART_TYPE], ...common], body);
        }
        // A no-JS post of a useActionState form: the action and its bound arguments as fields.
        const body = multipart([
          ["$ACTION_REF_1", ""],
          ["$ACTION_1:0", JSON.stringify({ id, bound: "$@1" })],
          ["$ACTION_1:1", args],
          ["$ACTION_KEY", `k${args.slice(0, 20)}`],
          ...fields,
        ]);
        return request(`${label}: no-JS bound form ${short(args)}`, "POST", path, [["content-type", MULTIPART_TYPE], ...common], body);
      }),
    );
}

function subscriptions(s: Surface): fc.Arbitrary<FuzzRequest> {
  // Tokens as URL text: real ones, malformed escapes as they are, bad strings percent-encoded byte by byte.
  const token = fc.oneof(pick(Object.values(s.tokens)), pick(BAD_STRINGS.filter((t) => t.length < 5000).map(percentEncoded)), pick(BAD_PATH_SEGMENTS));
  const page = pick(["/subscribe/confirm", "/subscribe/manage", "/subscribe/unsubscribe", "/api/subscriptions/unsubscribe"]);
  const bodies: [string, string | Buffer][] = [
    ["application/x-www-form-urlencoded", "List-Unsubscribe=One-Click"],
    ["application/x-www-form-urlencoded", "from=page"],
    ["application/x-www-form-urlencoded", "%ff=%ff&from=%00"],
    ["application/x-www-form-urlencoded", `from=${"x".repeat(5000)}`],
    [MULTIPART_TYPE, multipart([["from", "page"]])],
    [JSON_TYPE, '{"from":"page"}'],
    ["text/plain", "\u0000"],
  ];
  return fc.tuple(page, token, pick(["GET", "POST", "HEAD", "PUT"]), pick(bodies)).map(([p, t, method, [type, body]]) => {
    const path = `${p}?token=${t}`;
    return method === "POST"
      ? request(`subscription POST ${p} token ${short(t)} body ${short(body)}`, method, path, [["content-type", type]], body)
      : request(`subscription ${method} ${p} token ${short(t)}`, method, path);
  });
}

function probeTest(s: Surface): fc.Arbitrary<FuzzRequest> {
  const port = Number(new URL(s.sinkUrl).port);
  const bases: JsonObject[] = [
    { kind: "http", url: s.sinkUrl, method: "GET", timeoutMs: 2000, expectedStatus: "200-299", headers: { "x-a": "1" }, jsonAssertions: [] },
    { kind: "tcp", host: "127.0.0.1", port, timeoutMs: 2000 },
    { kind: "tls", host: "127.0.0.1", port, timeoutMs: 2000, warnDays: 14, criticalDays: 3 },
    { kind: "dns", name: "localhost", resolver: `127.0.0.1:${port}`, recordType: "A", timeoutMs: 1000 },
  ];
  return fc.tuple(pick(bases), fc.boolean(), fc.boolean()).chain(([base, sameOrigin, signedIn]) =>
    // Where the check connects is never bent (a DNS check without its loopback resolver would ask the system's).
    mutatedJson(base, s.now, ["url", "host", "resolver"]).map((body) =>
      request(
        `probe test ${base.kind}: ${body.label}${sameOrigin ? "" : " cross-site"}${signedIn ? " signed in" : ""}`,
        "POST",
        "/api/probes/test",
        [
          ...(signedIn ? ([["cookie", s.sessionCookie]] as [string, string][]) : []),
          ["origin", sameOrigin ? s.origin : "http://127.0.0.2"],
          ...(body.contentType === null ? [] : ([["content-type", body.contentType]] as [string, string][])),
        ],
        body.body,
      ),
    ),
  );
}

/** The generated part of the corpus: request families by weight. */
function generated(s: Surface): fc.Arbitrary<FuzzRequest> {
  return fc.oneof(
    { weight: 14, arbitrary: publicRead(s) },
    { weight: 4, arbitrary: oddMethod(s) },
    { weight: 6, arbitrary: bentPaths(s) },
    { weight: 16, arbitrary: manageApi(s) },
    { weight: 6, arbitrary: statuspageV1(s) },
    { weight: 8, arbitrary: consoleRead(s) },
    { weight: 18, arbitrary: serverAction(s) },
    { weight: 5, arbitrary: subscriptions(s) },
    { weight: 5, arbitrary: probeTest(s) },
  );
}

export interface CorpusOptions {
  seed: number;
  /** How many generated requests (the pinned cases come on top). */
  size: number;
}

export function buildCorpus(s: Surface, { seed, size }: CorpusOptions): FuzzRequest[] {
  return [...pinnedCases(s), ...fc.sample(generated(s), { seed, numRuns: size })];
}
