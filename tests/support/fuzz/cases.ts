// Pinned cases: every malformation an earlier outside fuzz run turned into a 5xx (Vigil
// issue 11), replayed on every run with the exact answer each must get, plus the
// wire-level requests (bad request lines, framing, header syntax) only a raw socket can send.
import { realPath } from "./paths";
import { type FuzzRequest, MULTIPART_TYPE, multipart, request } from "./request";
import type { Surface } from "./surface";

type Answer = Parameters<NonNullable<FuzzRequest["expect"]>>[0];
type Check = (answer: Answer) => string | null;

const status =
  (...allowed: number[]): Check =>
  (a) =>
    allowed.includes(a.status ?? -1) ? null : `expected ${allowed.join(" or ")}, got ${a.status}`;

function errorOf(body: string): { message?: unknown; fields?: Record<string, unknown> } | null {
  try {
    return (JSON.parse(body) as { error?: { message?: unknown; fields?: Record<string, unknown> } }).error ?? null;
  } catch {
    return null;
  }
}

/** A JSON error whose `fields` names something (the given field, when given). */
const fields =
  (field?: string): Check =>
  (a) => {
    const names = Object.keys(errorOf(a.body)?.fields ?? {});
    if (names.length === 0) return "expected a non-empty `fields` in the JSON error";
    return field === undefined || names.includes(field) ? null : `expected fields.${field}, got ${names.join(", ")}`;
  };

const both =
  (...checks: Check[]): Check =>
  (a) =>
    checks.map((c) => c(a)).find((p) => p !== null) ?? null;

function pinned(label: string, method: string, path: string, headers: [string, string][], body: string | Buffer | undefined, expect: Check): FuzzRequest {
  return { ...request(`pinned: ${label}`, method, path, headers, body), expect };
}

/** A request written byte for byte; the server may answer 4xx or close the connection. */
export function wire(label: string, bytes: string | Buffer): FuzzRequest {
  return { label: `wire: ${label}`, method: "RAW", path: "", headers: [], raw: Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes, "latin1") };
}

function wireCases(s: Surface): FuzzRequest[] {
  const host = "Host: 127.0.0.1\r\nConnection: close\r\n";
  const json = "Content-Type: application/json\r\n";
  const auth = `Authorization: Bearer ${s.apiKey}\r\n`;
  const action = s.actions.find((a) => a.name === "subscribeAction");
  return [
    wire("lowercase method", `get / HTTP/1.1\r\n${host}\r\n`),
    wire("mixed-case method", `GeT /healthz HTTP/1.1\r\n${host}\r\n`),
    wire("unknown method", `BREW /coffee HTTP/1.1\r\n${host}\r\n`),
    wire("NUL in the path", `GET /incidents/\u0000 HTTP/1.1\r\n${host}\r\n`),
    wire("space in the path", `GET /a b HTTP/1.1\r\n${host}\r\n`),
    wire(
      "raw invalid UTF-8 in the path",
      Buffer.concat([Buffer.from("GET /incidents/"), Buffer.from([0xff, 0xfe, 0xc3, 0x28]), Buffer.from(` HTTP/1.1\r\n${host}\r\n`)]),
    ),
    wire("raw UTF-8 in the path", Buffer.from(`GET /incidents/é😀 HTTP/1.1\r\n${host}\r\n`, "utf8")),
    wire("raw UTF-8 in the query", Buffer.from(`GET /history?page=é HTTP/1.1\r\n${host}\r\n`, "utf8")),
    wire("overlong path", `GET /${"a/".repeat(12_000)} HTTP/1.1\r\n${host}\r\n`),
    wire("absolute-form target", `GET http://127.0.0.2:1/healthz HTTP/1.1\r\n${host}\r\n`),
    wire("asterisk-form target", `OPTIONS * HTTP/1.1\r\n${host}\r\n`),
    wire("asterisk target with GET", `GET * HTTP/1.1\r\n${host}\r\n`),
    wire("empty Host", "GET / HTTP/1.1\r\nHost: \r\nConnection: close\r\n\r\n"),
    wire("bracketed Host without its end", "GET /console HTTP/1.1\r\nHost: [::1\r\nConnection: close\r\n\r\n"),
    wire("Host with a path", "GET /login HTTP/1.1\r\nHost: 127.0.0.1/evil\r\nConnection: close\r\n\r\n"),
    wire("two Hosts", "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nHost: 127.0.0.2\r\nConnection: close\r\n\r\n"),
    wire("no Host header", "GET / HTTP/1.1\r\nConnection: close\r\n\r\n"),
    wire("HTTP/1.0 without Host", "GET /healthz HTTP/1.0\r\n\r\n"),
    wire("HTTP/9.9", `GET / HTTP/9.9\r\n${host}\r\n`),
    wire("HTTP/2 preface", "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"),
    wire("TLS hello on the plain port", Buffer.from("16030100a5010000a10303", "hex")),
    wire("bare LF line ends", "GET /healthz HTTP/1.1\nHost: 127.0.0.1\nConnection: close\n\n"),
    wire("obs-fold header", `GET / HTTP/1.1\r\n${host}X-Folded: a\r\n b\r\n\r\n`),
    wire("NUL in a header value", `GET / HTTP/1.1\r\n${host}X-A: a\u0000b\r\n\r\n`),
    wire("space in a header name", `GET / HTTP/1.1\r\n${host}Bad Header: 1\r\n\r\n`),
    wire("header without colon", `GET / HTTP/1.1\r\n${host}NoColon\r\n\r\n`),
    wire("20 kB header", `GET / HTTP/1.1\r\n${host}X-Big: ${"x".repeat(20_000)}\r\n\r\n`),
    wire("500 headers", `GET / HTTP/1.1\r\n${host}${Array.from({ length: 500 }, (_, i) => `X-H${i}: ${i}\r\n`).join("")}\r\n`),
    wire("two different Content-Lengths", `POST /api/manage/v1/incidents HTTP/1.1\r\n${host}${json}${auth}Content-Length: 2\r\nContent-Length: 3\r\n\r\n{}`),
    wire(
      "Transfer-Encoding and Content-Length",
      `POST /api/manage/v1/incidents HTTP/1.1\r\n${host}${json}${auth}Transfer-Encoding: chunked\r\nContent-Length: 2\r\n\r\n0\r\n\r\n`,
    ),
    wire("bad chunk size", `POST /api/manage/v1/incidents HTTP/1.1\r\n${host}${json}${auth}Transfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n`),
    wire(
      "huge chunk size",
      `POST /api/manage/v1/incidents HTTP/1.1\r\n${host}${json}${auth}Transfer-Encoding: chunked\r\n\r\nffffffffffffffff\r\n{}\r\n0\r\n\r\n`,
    ),
    wire("unknown transfer coding", `POST /api/manage/v1/incidents HTTP/1.1\r\n${host}${json}${auth}Transfer-Encoding: gzip\r\n\r\n{}`),
    wire("negative Content-Length", `POST /api/manage/v1/incidents HTTP/1.1\r\n${host}${json}${auth}Content-Length: -1\r\n\r\n{}`),
    wire("Content-Length 1e3", `POST /api/manage/v1/incidents HTTP/1.1\r\n${host}${json}${auth}Content-Length: 1e3\r\n\r\n{}`),
    wire("Content-Length 2^64", `POST /api/manage/v1/incidents HTTP/1.1\r\n${host}${json}${auth}Content-Length: 18446744073709551617\r\n\r\n{}`),
    wire("Content-Length longer than the body", `POST /api/manage/v1/incidents HTTP/1.1\r\n${host}${json}${auth}Content-Length: 100\r\n\r\n{"name":`),
    wire(
      "Content-Length shorter than the body",
      `POST /api/manage/v1/incidents HTTP/1.1\r\n${host}${json}${auth}Content-Length: 2\r\n\r\n{}GARBAGE / HTTP/1.1\r\n\r\n`,
    ),
    wire(
      "Content-Length mismatch on a page",
      `POST /login HTTP/1.1\r\n${host}Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 50\r\n\r\nemail=a`,
    ),
    wire("Expect: 100-continue", `POST /api/manage/v1/incidents HTTP/1.1\r\n${host}${json}${auth}Expect: 100-continue\r\nContent-Length: 2\r\n\r\n{}`),
    wire("Expect: garbage", `GET / HTTP/1.1\r\n${host}Expect: 42-nonsense\r\n\r\n`),
    wire(
      "Upgrade: websocket",
      `GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n`,
    ),
    wire("CONNECT", `CONNECT 127.0.0.1:1 HTTP/1.1\r\n${host}\r\n`),
    wire("pipelined garbage after a request", `GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n\u0000\u0001\u0002 nonsense\r\n\r\n`),
    ...(action
      ? [
          wire(
            "server action with a short body",
            `POST /subscribe HTTP/1.1\r\n${host}Next-Action: ${action.id}\r\nContent-Type: text/plain;charset=UTF-8\r\nContent-Length: 40\r\n\r\n["$undefined"`,
          ),
        ]
      : []),
  ];
}

/**
 * A NUL in one text field of an otherwise valid console form: PostgreSQL cannot store it,
 * so the form must say so rather than fail in the database (the oracle also flags the
 * generic "something went wrong" message such a failure would show).
 */
function nulInForms(s: Surface): FuzzRequest[] {
  const incident = s.ids.incident[0] ?? "none";
  const component = s.ids.component[0] ?? "none";
  const hour = (h: number) => new Date(s.now + h * 3_600_000).toISOString().slice(0, 16);
  const forms: [string, string, string[], [string, string][]][] = [
    [
      "createTemplateAction",
      "/console/templates",
      [],
      [
        ["name", "a\u0000b"],
        ["title", "Database slow"],
        ["status", "investigating"],
        ["body", "We are looking."],
      ],
    ],
    [
      "addComponentAction",
      "/console/components",
      [],
      [
        ["name", "Search\u0000"],
        ["description", "x"],
      ],
    ],
    ["addGroupAction", "/console/components", [], [["name", "Group\u0000"]]],
    [
      "editComponentAction",
      `/console/components/${component}`,
      [component],
      [
        ["name", "Renamed"],
        ["description", "a\u0000b"],
      ],
    ],
    [
      "createIncidentAction",
      "/console/incidents/new",
      [],
      [
        ["name", "Bad\u0000name"],
        ["status", "investigating"],
        ["impact", "minor"],
        ["body", "x"],
      ],
    ],
    [
      "postUpdateAction",
      `/console/incidents/${incident}`,
      [incident],
      [
        ["status", "identified"],
        ["body", "a\u0000b"],
      ],
    ],
    ["postmortemAction", `/console/incidents/${incident}`, [incident], [["postmortem", "What happened\u0000"]]],
    [
      "scheduleMaintenanceAction",
      "/console/maintenance/new",
      [],
      [
        ["name", "Window\u0000"],
        ["body", "x"],
        ["scheduledFor", hour(1)],
        ["scheduledUntil", hour(2)],
      ],
    ],
    [
      "inviteMemberAction",
      "/console/team",
      [],
      [
        ["email", "new@example.com"],
        ["name", "New\u0000Person"],
        ["role", "viewer"],
      ],
    ],
    [
      "createKeyAction",
      "/console/api-keys",
      [],
      [
        ["name", "key\u0000"],
        ["scopes", "read"],
      ],
    ],
    ["backupEmailAction", "/console/account", [], [["email", "backup\u0000@example.com"]]],
    [
      "addSubscriberAction",
      "/console/subscribers",
      [],
      [
        ["channel", "webhook"],
        ["target", `${s.sinkUrl}?\u0000`],
      ],
    ],
  ];
  return forms.map(([name, path, bound, fields]) =>
    pinned(
      `NUL in ${name}`,
      "POST",
      path,
      [
        ["next-action", s.actions.find((a) => a.name === name)?.id ?? "missing"],
        ["content-type", MULTIPART_TYPE],
        ["accept", "text/x-component"],
        ["cookie", s.sessionCookie],
      ],
      multipart([...fields.map(([n, v]): [string, string] => [`_1_${n}`, v]), ["0", JSON.stringify([...bound, "$undefined", "$K1"])]]),
      status(200),
    ),
  );
}

/**
 * A no-JS post of every action as a useActionState form with one bound argument, signed in, on its
 * own page. React renders the page again with the action's answer as the form's state; a client
 * component that bound the action during render made that render loop forever (StateAction in
 * lib/forms.ts), so each must be answered.
 */
function noJsBoundForms(s: Surface): FuzzRequest[] {
  return s.actions
    .filter((a) => a.pages.length > 0 && a.args.length > 0)
    .map((a) =>
      request(
        `pinned: no-JS bound form of ${a.name}`,
        "POST",
        realPath(a.pages[0]!, s),
        [
          ["content-type", MULTIPART_TYPE],
          ["cookie", s.sessionCookie],
          ["origin", s.origin],
        ],
        multipart([
          ["$ACTION_REF_1", ""],
          ["$ACTION_1:0", JSON.stringify({ id: a.id, bound: "$@1" })],
          ["$ACTION_1:1", '["x"]'],
          ["$ACTION_KEY", "k0"],
        ]),
      ),
    );
}

export function pinnedCases(s: Surface): FuzzRequest[] {
  const key: [string, string] = ["authorization", `Bearer ${s.apiKey}`];
  const json: [string, string] = ["content-type", "application/json"];
  const signedIn: [string, string] = ["cookie", s.sessionCookie];
  const component = s.ids.component[0] ?? "none";
  const incident = s.ids.incident[0] ?? "none";
  const hour = (h: number) => new Date(s.now + h * 3_600_000).toISOString();
  const incidentBody = (extra: Record<string, unknown> = {}) =>
    JSON.stringify({ name: "Pinned incident", body: "Investigating.", components: [{ id: component, status: "degraded_performance" }], ...extra });
  const maintenanceBody = (extra: Record<string, unknown> = {}) =>
    JSON.stringify({ name: "Pinned window", body: "Upgrading.", scheduled_for: hour(1), scheduled_until: hour(2), components: [component], ...extra });
  const api = (label: string, method: string, path: string, body: string | Buffer | undefined, expect: Check, headers: [string, string][] = [json]) =>
    pinned(label, method, `/api/manage/v1${path}`, [key, ...headers], body, expect);
  const invalid = (field?: string) => both(status(400), fields(field));
  const actionId = (name: string) => s.actions.find((a) => a.name === name)?.id ?? "missing";
  const subscribeAction = (label: string, contentType: string, body: string | Buffer) =>
    pinned(
      `subscribe action: ${label}`,
      "POST",
      "/subscribe",
      [
        ["next-action", actionId("subscribeAction")],
        ["content-type", contentType],
        ["accept", "text/x-component"],
      ],
      body,
      status(200, 400, 404),
    );
  const probe = (label: string, body: string, contentType: string, expect: Check) =>
    pinned(`probe test: ${label}`, "POST", "/api/probes/test", [signedIn, ["origin", s.origin], ["content-type", contentType]], body, expect);
  const mb5 = JSON.stringify({ name: "x".repeat(5_000_000) });
  const kb200 = incidentBody({ body: "x".repeat(200_000) });

  return [
    pinned("bad %-escape on an incident page", "GET", "/incidents/%ff", [], undefined, status(400)),
    pinned("bad %-escape on a console page", "GET", "/console/components/%ff", [signedIn], undefined, status(400)),
    api("bad %-escape in the API", "GET", "/incidents/%ff", undefined, status(400), []),
    pinned("truncated %-escape", "GET", "/history/%", [], undefined, status(400)),
    pinned("encoded NUL in the path", "GET", "/incidents/a%00b", [], undefined, status(400)),
    ...["/", "/healthz", "/api/openapi.json", "/api/manage/v1/components", "/api/v2/summary.json", "/console", "/feed.rss"].map((path) =>
      pinned(`TRACE ${path}`, "TRACE", path, [key], undefined, status(405)),
    ),
    pinned("PROPFIND on the page", "PROPFIND", "/", [], undefined, status(405)),
    pinned("PURGE on a feed", "PURGE", "/feed.rss", [], undefined, status(405)),
    api("maintenance with unknown component ids", "POST", "/maintenances", maintenanceBody({ components: ["no-such-component", "another"] }), status(400, 404)),
    api(
      "incident with an unknown component id",
      "POST",
      "/incidents",
      incidentBody({ components: [{ id: "no-such-component", status: "major_outage" }] }),
      status(400, 404),
    ),
    api("NUL in an incident name", "POST", "/incidents", incidentBody({ name: "a\u0000b" }), status(400)),
    api("NUL in an update body", "POST", `/incidents/${incident}/updates`, JSON.stringify({ status: "identified", body: "\u0000" }), status(400)),
    api("NUL in a component id", "PUT", "/components/a%00b/status", JSON.stringify({ status: "major_outage" }), status(400)),
    api("year 0000 display_at", "POST", "/incidents", incidentBody({ display_at: "0000-01-01T00:00:00Z" }), invalid("display_at")),
    api("year 9999 display_at", "POST", "/incidents", incidentBody({ display_at: "9999-12-31T23:59:59Z" }), invalid("display_at")),
    api("the last JS date as display_at", "POST", "/incidents", incidentBody({ display_at: "+275760-09-13T00:00:00.000Z" }), invalid("display_at")),
    api(
      "update displayed in 1969",
      "POST",
      `/incidents/${incident}/updates`,
      JSON.stringify({ status: "identified", body: "x", display_at: "1969-12-31T23:59:59Z" }),
      invalid("display_at"),
    ),
    api("maintenance from year 0000", "POST", "/maintenances", maintenanceBody({ scheduled_for: "0000-01-01T00:00:00Z" }), invalid("scheduled_for")),
    api("maintenance until year 9999", "POST", "/maintenances", maintenanceBody({ scheduled_until: "9999-12-31T23:59:59Z" }), invalid("scheduled_until")),
    api("__proto__ key", "POST", "/incidents", `{"__proto__":{"admin":true},${incidentBody().slice(1)}`, invalid()),
    api("constructor key", "POST", "/incidents", `{"constructor":{"prototype":{"admin":true}},${incidentBody().slice(1)}`, invalid()),
    api(
      "nested __proto__ key",
      "POST",
      "/incidents",
      incidentBody({ components: [JSON.parse(`{"__proto__":{"id":"x"},"id":"${component}","status":"major_outage"}`)] }),
      invalid(),
    ),
    // Next drops a __proto__ query key before the route sees it; any other unknown key is named.
    api("__proto__ in the query", "GET", "/incidents?__proto__=1", undefined, status(200, 400), []),
    api("constructor in the query", "GET", "/incidents?constructor=1", undefined, invalid("constructor"), []),
    api("200 kB body", "POST", "/incidents", kb200, status(400)),
    api("5 MB body", "POST", "/incidents", mb5, status(400)),
    api("text/plain body", "POST", "/incidents", incidentBody(), status(400), [["content-type", "text/plain"]]),
    api("no content type", "POST", "/incidents", incidentBody(), status(400), []),
    api("invalid JSON", "POST", "/incidents", "{", status(400)),
    api("deep nesting", "POST", "/incidents", `${"[".repeat(20_000)}${"]".repeat(20_000)}`, status(400)),
    api("deep object nesting", "POST", "/incidents", `${'{"a":'.repeat(10_000)}1${"}".repeat(10_000)}`, status(400)),
    api("expected_version 1e309", "PATCH", `/incidents/${incident}`, '{"name":"Renamed","expected_version":1e309}', invalid("expected_version")),
    api("expected_version 2^63", "PATCH", `/incidents/${incident}`, '{"name":"Renamed","expected_version":9223372036854775808}', status(400, 409)),
    api("expected_version -1", "PATCH", `/incidents/${incident}`, '{"name":"Renamed","expected_version":-1}', invalid("expected_version")),
    api(
      "display_at as a huge number",
      "POST",
      `/incidents/${incident}/updates`,
      '{"status":"identified","body":"x","display_at":1e309}',
      invalid("display_at"),
    ),
    api("limit 1e309", "GET", "/incidents?limit=1e309", undefined, invalid("limit"), []),
    api("limit NaN", "GET", "/maintenances?limit=NaN", undefined, invalid("limit"), []),
    api("very long name", "POST", "/incidents", incidentBody({ name: "x".repeat(90_000) }), invalid("name")),
    api("array instead of an object", "POST", "/incidents", `[${incidentBody()}]`, status(400)),
    api("components as an object", "POST", "/incidents", incidentBody({ components: { id: component } }), invalid("components")),
    api(
      "invalid UTF-8",
      "POST",
      "/incidents",
      Buffer.concat([Buffer.from('{"name":"'), Buffer.from([0xc3, 0x28, 0xff]), Buffer.from('","body":"x"}')]),
      status(400),
    ),
    api("duplicate keys", "POST", "/incidents", '{"name":"One","name":"Two","body":"x","body":"\\u0000"}', status(400)),
    api("lone surrogate", "POST", "/incidents", incidentBody({ name: "x\ud800y" }), status(201, 400)),
    probe("200 kB body", JSON.stringify({ kind: "http", url: s.sinkUrl, body: "x".repeat(200_000) }), "application/json", status(413)),
    probe("text/plain", JSON.stringify({ kind: "tcp", host: "127.0.0.1", port: 1 }), "text/plain", status(415)),
    probe("invalid JSON", "{", "application/json", status(400)),
    probe(
      "__proto__ key",
      `{"__proto__":{"x":1},"kind":"tcp","host":"127.0.0.1","port":${new URL(s.sinkUrl).port}}`,
      "application/json",
      both(status(422), fields()),
    ),
    pinned(
      "unsubscribe with a 200 kB body",
      "POST",
      `/api/subscriptions/unsubscribe?token=${s.tokens.unsubscribe}`,
      [["content-type", "application/x-www-form-urlencoded"]],
      `a=${"x".repeat(200_000)}`,
      status(413),
    ),
    pinned(
      "unsubscribe with a bad token",
      "POST",
      "/api/subscriptions/unsubscribe?token=%ff",
      [["content-type", "application/x-www-form-urlencoded"]],
      "List-Unsubscribe=One-Click",
      status(400),
    ),
    subscribeAction("a string for the form", "text/plain;charset=UTF-8", '["$undefined","garbage"]'),
    subscribeAction("no form at all", "text/plain;charset=UTF-8", '["$undefined"]'),
    subscribeAction("no arguments", "text/plain;charset=UTF-8", "[]"),
    subscribeAction("an object for the form", "text/plain;charset=UTF-8", '[{},{"channel":"email"}]'),
    subscribeAction("arguments that are not a list", "text/plain;charset=UTF-8", '{"0":1}'),
    subscribeAction(
      "NUL in the target",
      MULTIPART_TYPE,
      multipart([
        ["_1_channel", "email"],
        ["_1_target", "a\u0000@example.com"],
        ["0", '["$undefined","$K1"]'],
      ]),
    ),
    ...nulInForms(s),
    pinned("NUL in the audit search", "GET", "/console/audit?actor=%00&action=a%00b", [signedIn], undefined, status(200)),
    pinned("the audit log before the last JS date", "GET", "/console/audit?before=%2B275760-09-13T00:00:00.000Z", [signedIn], undefined, status(200)),
    pinned("the audit log before the first JS date", "GET", "/console/audit?before=-271821-04-20T00:00:00.000Z", [signedIn], undefined, status(200)),
    pinned("the audit log before year 0", "GET", "/console/audit?before=0000-01-01", [signedIn], undefined, status(200)),
    pinned("NUL in the subscriber component filter", "GET", "/console/subscribers?component=a%00b&channel=%00", [signedIn], undefined, status(200)),
    pinned("NUL in the subscriber search", "GET", "/console/subscribers?q=%00", [signedIn], undefined, status(200)),
    pinned(
      "NUL in the sign-in email",
      "POST",
      "/login",
      [
        ["next-action", actionId("signIn")],
        ["content-type", MULTIPART_TYPE],
        ["accept", "text/x-component"],
      ],
      multipart([
        ["_1_email", "a\u0000@example.com"],
        ["_1_password", "x"],
        ["0", '["$undefined","$K1"]'],
      ]),
      status(200),
    ),
    pinned("garbage Accept-Encoding", "GET", "/", [["accept-encoding", "gzip;q=NaN, br;q=2, *;q=-1"]], undefined, status(200)),
    pinned("a 4 kB If-None-Match", "GET", "/api/v2/summary.json", [["if-none-match", `"${"a".repeat(4000)}"`]], undefined, status(200)),
    pinned("an unparseable router state", "GET", "/console", [signedIn, ["rsc", "1"], ["next-router-state-tree", "%ff"]], undefined, status(200, 307, 400)),
    ...noJsBoundForms(s),
    ...wireCases(s),
  ];
}
