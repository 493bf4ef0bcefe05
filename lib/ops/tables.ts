import type { Prisma } from "../db";

// Every table, and whether an export carries it. Typed by Prisma's model names, so a model
// added to prisma/models.prisma fails the type check here until someone decides.
// "content": the installation itself, moved by export/import. "secret": only with
// --include-secrets. "transient": working state that rebuilds itself or expires; leaving it
// out loses nothing a user would miss after a move.
export type TableRole = "content" | "secret" | "transient";

export const TABLES: Record<Prisma.ModelName, { role: TableRole; why: string }> = {
  PageSetting: { role: "content", why: "the page's name, address, time zone and branding (the signing secret only with secrets)" },
  PageAsset: { role: "content", why: "the uploaded logo and favicon" },
  Installation: { role: "content", why: "installation-wide settings (which addresses probes may reach)" },
  ComponentGroup: { role: "content", why: "how the page groups its components" },
  Component: { role: "content", why: "the page's components, with their current status caches" },
  ComponentStatusChange: { role: "content", why: "the status history the 90-day uptime bars are computed from" },
  Incident: { role: "content", why: "incidents and maintenances" },
  IncidentComponent: { role: "content", why: "which components an incident affects" },
  IncidentUpdate: { role: "content", why: "the incidents' timelines" },
  IncidentTemplate: { role: "content", why: "staff's pre-written incidents" },
  User: { role: "content", why: "the team (names, emails, roles); password hashes and TOTP secrets only with secrets" },
  RecoveryCode: { role: "secret", why: "hashes of MFA recovery codes: worthless without the MFA secret they back up" },
  ApiKey: { role: "secret", why: "a key is its hash; without it the row authenticates nothing" },
  AuditEvent: { role: "content", why: "who did what: an audit trail must survive a move" },
  Subscriber: { role: "content", why: "subscribers with their confirmed state (webhook signing secrets only with secrets)" },
  SubscriberComponent: { role: "content", why: "subscribers' component filters" },
  Probe: { role: "content", why: "probe configurations" },
  VendorMirror: { role: "content", why: "components that mirror a vendor's status page, and where" },
  Session: { role: "transient", why: "sign-ins: everyone signs in again on the new installation" },
  EmailToken: { role: "transient", why: "one-time codes and links that expire within hours" },
  KnownDevice: { role: "transient", why: "browsers each person signed in from: after a move, the first sign-in from each is announced by email again" },
  AuthThrottle: { role: "transient", why: "lock-out counters that expire after 15 minutes" },
  ExternalIdentity: {
    role: "transient",
    why: "single sign-on links to provider accounts: made again at each person's next sign-in, by verified email (as the first time)",
  },
  OidcLoginState: { role: "transient", why: "single sign-ons in flight, valid for 10 minutes" },
  Passkey: {
    role: "transient",
    why: "staff's passkeys are bound to the page's address (the WebAuthn RP ID), which a move often changes; staff sign in with password and code and register them again",
  },
  WebAuthnChallenge: { role: "transient", why: "passkey challenges that expire within minutes" },
  AlertEvent: { role: "transient", why: "outbox payloads of alerts already sent or in flight; re-sending them after a move would repeat alerts" },
  Notification: { role: "transient", why: "the outbox's delivery rows (same reason)" },
  ProbeHeartbeat: {
    role: "secret",
    why: 'a heartbeat\'s URL token is its hash, so it moves only with secrets; without them each heartbeat probe offers "Make a token" and its jobs need the new URL',
  },
  ProbeState: { role: "transient", why: "hysteresis counters and slot leases per region, rebuilt within a few checks" },
  ProbeResult: { role: "transient", why: "raw check results, deleted after days anyway; the status history keeps what they decided" },
  ImportedRecord: { role: "content", why: "which row an import from Statuspage made of each source record, so a re-run after a move still changes nothing" },
  ImportJob: { role: "transient", why: "the console's import runs and their summaries: a log of work already done" },
  Integration: {
    role: "transient",
    why: "inbound alert URLs: a token is its hash, so the URLs cannot move; create them again on the new installation (its address changed anyway) and paste the new URLs into the monitoring tools",
  },
  InboundAlert: { role: "transient", why: "the alerts the integrations received (same reason)" },
  InboundIncident: { role: "transient", why: "which incidents the integrations hold open (same reason)" },
  ProbeRollup: {
    role: "transient",
    why: "hourly and daily latency rollups: up to 90 days × 24 rows per probe and region, too large for one document; the response-time chart refills in a day",
  },
};

/** Every table, children before parents: the order `--replace` empties them in. */
export const DELETE_ORDER: readonly Prisma.ModelName[] = [
  "ImportJob",
  "ImportedRecord",
  "InboundAlert",
  "InboundIncident",
  "Integration",
  "ProbeRollup",
  "ProbeResult",
  "ProbeState",
  "ProbeHeartbeat",
  "Probe",
  "VendorMirror",
  "Notification",
  "AlertEvent",
  "SubscriberComponent",
  "Subscriber",
  "ApiKey",
  "EmailToken",
  "IncidentTemplate",
  "AuditEvent",
  "AuthThrottle",
  "OidcLoginState",
  "ExternalIdentity",
  "RecoveryCode",
  "Passkey",
  "WebAuthnChallenge",
  "KnownDevice",
  "Session",
  "User",
  "IncidentUpdate",
  "IncidentComponent",
  "Incident",
  "ComponentStatusChange",
  "Component",
  "ComponentGroup",
  "PageAsset",
  "PageSetting",
  "Installation",
];
