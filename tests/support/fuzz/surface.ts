// What the fuzzer attacks, discovered rather than listed by hand: every route and server
// action from the production build's own manifests (so a new page or action is fuzzed the
// day it is added), and the real ids, key, session and signed tokens from the database.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { SYSTEM_ACTOR } from "@/lib/audit/record";
import { createApiKey } from "@/lib/api-keys/keys";
import { API_SCOPES } from "@/lib/api-keys/schemas";
import { beginEnrolment, confirmEnrolment } from "@/lib/auth/mfa";
import { hashToken, loadSession, SESSION_COOKIE } from "@/lib/auth/sessions";
import { signInWithPassword } from "@/lib/auth/sign-in";
import type { StaffContext } from "@/lib/auth/staff";
import { totp } from "@/lib/auth/totp";
import { createFirstAdmin, createUser } from "@/lib/auth/users";
import type { Db } from "@/lib/db";
import { linkFor } from "@/lib/notify/links";
import { statuspagePageId } from "@/lib/page/ids";
import { addSubscriberByStaff } from "@/lib/subscribers/staff-verbs";

/** One argument an action declares (lib/forms.ts actionArg): its kind, and for `oneOf` the choices. */
export interface ActionArg {
  kind: string;
  choices?: string[];
}

export interface ServerAction {
  id: string;
  name: string;
  /** URL patterns of the pages that carry it, e.g. /console/components/[id]. */
  pages: string[];
  /** The arguments it declares (empty: it takes none), so the fuzzer can call it well-formed and reach its validation. */
  args: ActionArg[];
}

export interface Ids {
  component: string[];
  componentSlug: string[];
  group: string[];
  incident: string[];
  maintenance: string[];
  update: string[];
  user: string[];
  probe: string[];
  template: string[];
  subscriber: string[];
  session: string[];
  apiKey: string[];
}

export interface Surface {
  /** Every app route's URL pattern (`/incidents/[id]`, `/api/v2/[...path]`), from the build. */
  routes: string[];
  actions: ServerAction[];
  ids: Ids;
  /** A management API key with every scope. */
  apiKey: string;
  /** The page's Statuspage page id (the v1 API's {page_id}). */
  statuspagePageId: string;
  /** `vigil_session=…` of an admin who has passed MFA. */
  sessionCookie: string;
  /** Signed subscriber links' tokens. */
  tokens: { confirm: string; manage: string; unsubscribe: string };
  /** Where the app under test answers, e.g. http://127.0.0.1:41234. */
  origin: string;
  /** A loopback URL that answers 200: the only place webhooks and probe tests may point. */
  sinkUrl: string;
  /** When the corpus was made (relative dates are computed from it). */
  now: number;
}

const HIDDEN_ROUTES = new Set(["/_global-error", "/_not-found"]);

/** The text inside the brackets that open at `start` (nested brackets included). */
function bracketed(text: string, start: number): string {
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    if (text[i] === "[") depth++;
    else if (text[i] === "]" && --depth === 0) return text.slice(start + 1, i);
  }
  return "";
}

/**
 * Each server action's declared arguments, read from the action files' source: every action
 * is `export const name = formAction([actionArg.id, actionArg.state, actionArg.form], …)`.
 */
export function readActionArgs(dir = "app"): Map<string, ActionArg[]> {
  const found = new Map<string, ActionArg[]>();
  const files = (readdirSync(dir, { recursive: true }) as string[]).filter((f) => /actions\.ts$/.test(f));
  for (const file of files) {
    const source = readFileSync(path.join(dir, file), "utf8");
    for (const match of source.matchAll(/export const (\w+) = (?:formAction|parsedAction)\(\s*\[/g)) {
      const list = bracketed(source, match.index + match[0].length - 1);
      const args = [...list.matchAll(/actionArg\.(\w+)(?:\(\[([^\]]*)\]\))?/g)].map(([, kind, choices]) => ({
        kind: kind!,
        ...(choices ? { choices: [...choices.matchAll(/"([^"]*)"/g)].map((c) => c[1]!) } : {}),
      }));
      found.set(match[1]!, args);
    }
  }
  return found;
}

/** Route patterns and server actions of the build in `.next`. */
export function readBuild(dir = ".next"): Pick<Surface, "routes" | "actions"> {
  // page key (e.g. "/(public)/subscribe/page") → URL pattern ("/subscribe")
  const pages = JSON.parse(readFileSync(`${dir}/app-path-routes-manifest.json`, "utf8")) as Record<string, string>;
  const manifest = JSON.parse(readFileSync(`${dir}/server/server-reference-manifest.json`, "utf8")) as {
    node: Record<string, { exportedName: string; workers: Record<string, unknown> }>;
  };
  const routes = [...new Set(Object.values(pages))].filter((r) => !HIDDEN_ROUTES.has(r)).sort();
  const declared = readActionArgs();
  const actions = Object.entries(manifest.node).map(([id, entry]) => ({
    id,
    name: entry.exportedName,
    pages: Object.keys(entry.workers)
      .map((worker) => pages[`/${worker.replace(/^app\//, "")}`])
      .filter((p): p is string => p !== undefined),
    args: declared.get(entry.exportedName) ?? [],
  }));
  return { routes, actions: actions.sort((a, b) => a.name.localeCompare(b.name)) };
}

const PASSWORD = "fuzzing is a long passphrase";

function tokenOf(link: string): string {
  return new URL(link).searchParams.get("token") ?? "";
}

/**
 * Accounts and records the fuzzer acts with, made through the domain verbs: an admin
 * signed in with MFA (the session cookie), a second member (so user-targeted actions
 * have a real id that is not the fuzzer's own), an API key with every scope, and a
 * webhook subscriber pointing at the sink (for signed links). Then every id in the database.
 */
export async function prepareSurface(
  db: Db,
  build: Pick<Surface, "routes" | "actions">,
  { origin, sinkUrl }: Pick<Surface, "origin" | "sinkUrl">,
): Promise<Surface> {
  const now = new Date();
  const ctx = { ip: "127.0.0.1", userAgent: "vigil-fuzz" };
  const admin = await createFirstAdmin(db, SYSTEM_ACTOR, { email: "fuzz-admin@example.com", name: "Fuzz Admin", password: PASSWORD });
  const { token } = await signInWithPassword(db, { email: admin.email, password: PASSWORD }, ctx, now);
  const secret = await beginEnrolment(db, (await loadSession(db, token, now))!);
  await confirmEnrolment(db, (await loadSession(db, token, now))!, totp(secret, now.getTime()), ctx, now);
  const staff: StaffContext = { role: "admin", actor: { id: admin.id, email: admin.email, ip: null }, sessionId: null };
  await createUser(db, staff.actor, { email: "fuzz-editor@example.com", name: "Fuzz Editor", password: `${PASSWORD} too`, role: "editor" });
  const { key } = await createApiKey(db, staff, { name: "fuzz", scopes: [...API_SCOPES] });
  const { subscriberId } = await addSubscriberByStaff(db, staff, { channel: "webhook", target: sinkUrl }, { allowPrivateWebhooks: true, emailEnabled: false });

  const ids = (rows: { id: string }[]) => rows.map((r) => r.id);
  const [components, groups, incidents, updates, users, probes, templates, subscribers, sessions, apiKeys] = await Promise.all([
    db.component.findMany({ select: { id: true, slug: true } }),
    db.componentGroup.findMany({ select: { id: true } }),
    db.incident.findMany({ select: { id: true, kind: true } }),
    db.incidentUpdate.findMany({ select: { id: true } }),
    db.user.findMany({ where: { id: { not: admin.id } }, select: { id: true } }),
    db.probe.findMany({ select: { id: true } }),
    db.incidentTemplate.findMany({ select: { id: true } }),
    db.subscriber.findMany({ select: { id: true } }),
    // Not the fuzzer's own: revoking it would sign every later request out.
    db.session.findMany({ where: { id: { not: hashToken(token) } }, select: { id: true } }),
    db.apiKey.findMany({ select: { id: true } }),
  ]);
  return {
    ...build,
    ids: {
      component: ids(components),
      componentSlug: components.map((c) => c.slug),
      group: ids(groups),
      incident: ids(incidents.filter((i) => i.kind === "incident")),
      maintenance: ids(incidents.filter((i) => i.kind === "maintenance")),
      update: ids(updates),
      user: ids(users),
      probe: ids(probes),
      template: ids(templates),
      subscriber: ids(subscribers),
      session: ids(sessions),
      apiKey: ids(apiKeys),
    },
    apiKey: key,
    statuspagePageId: statuspagePageId((await db.pageSetting.findUniqueOrThrow({ where: { id: 1 } })).createdAt),
    sessionCookie: `${SESSION_COOKIE}=${token}`,
    tokens: {
      confirm: tokenOf(await linkFor(db, "confirm", subscriberId, now)),
      manage: tokenOf(await linkFor(db, "manage", subscriberId, now)),
      unsubscribe: tokenOf(await linkFor(db, "unsubscribe", subscriberId, now)),
    },
    origin,
    sinkUrl,
    now: now.getTime(),
  };
}
