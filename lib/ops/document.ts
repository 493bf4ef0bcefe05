import { z } from "zod";
import { CHECK_KINDS } from "../probes/kinds";
import { ROLES } from "../auth/schemas";
import { COMPONENT_STATUSES, IMPACTS, INCIDENT_KINDS, INCIDENT_STATUSES, MAINTENANCE_STATUSES, STATUS_CHANGE_SOURCES } from "../status/schemas";
import { CHANNELS } from "../subscribers/schemas";
import { SLO_WINDOWS } from "../components/schemas";
import { OpsError } from "./errors";

// The whole installation as one JSON document (`npm run export` / `npm run import`).
// Rows keep their ids and timestamps, so every link between them survives a move.
// Dates are ISO 8601 strings; columns that hold JSON text (probe configs, evidence,
// affected components, audit snapshots) and every secret stay the opaque strings they are
// in the database, so whatever encoding a column has round-trips unchanged.
// Strict objects: a field this version does not know is refused, never silently dropped.

export const EXPORT_FORMAT = "vigil-export";
export const EXPORT_VERSION = 1;

const id = z.string().min(1, "expected a non-empty id");
const text = z.string();
const optionalText = z.string().nullable();
const instant = z.iso.datetime({ offset: true, error: "expected an ISO 8601 date-time such as 2026-12-05T10:15:00.000Z" });
const optionalInstant = instant.nullable();
const int = z.int32();
const timestamps = { createdAt: instant, updatedAt: instant };

const AssetRow = z.strictObject({
  id,
  kind: text,
  contentType: text,
  sha256: z.string().regex(/^[0-9a-f]{64}$/, "expected a hex SHA-256"),
  // The file's bytes, base64.
  bytes: z.base64({ error: "expected base64" }),
  createdAt: instant,
});

const PageRow = z.strictObject({
  name: text,
  url: text,
  timeZone: text,
  // Added after version 1 documents were first written: absent means the default.
  locale: text.default("en-US"),
  brandColor: optionalText,
  supportUrl: optionalText,
  footerLinks: text.default("[]"),
  aboutMarkdown: optionalText.default(null),
  metaDescription: optionalText.default(null),
  setUpAt: optionalInstant.default(null),
  assets: z.array(AssetRow).default([]),
  // Secrets: present only in an export made with --include-secrets.
  signingSecret: optionalText.optional(),
  recoveryCodeKey: optionalText.optional(),
  ...timestamps,
});

const GroupRow = z.strictObject({ id, name: text, description: optionalText, position: int, ...timestamps });

const StatusChangeRow = z.strictObject({
  id,
  fromStatus: z.enum(COMPONENT_STATUSES).nullable(),
  toStatus: z.enum(COMPONENT_STATUSES),
  at: instant,
  source: z.enum(STATUS_CHANGE_SOURCES),
  note: optionalText,
  evidence: optionalText,
  createdAt: instant,
});

const ComponentRow = z.strictObject({
  id,
  name: text,
  slug: text,
  description: optionalText,
  position: int,
  groupId: id.nullable(),
  showUptime: z.boolean(),
  startDate: instant,
  status: z.enum(COMPONENT_STATUSES),
  manualStatus: z.enum(COMPONENT_STATUSES).nullable(),
  manualSetAt: optionalInstant,
  observedStatus: z.enum(COMPONENT_STATUSES).nullable(),
  /** Absent in exports made before vendor mirrors. */
  vendorStatus: z.enum(COMPONENT_STATUSES).nullable().default(null),
  autoIncident: z.boolean(),
  autoIncidentId: optionalText,
  // Added after version 1's first release: older exports have no SLO.
  sloTarget: z.number().nullable().default(null),
  sloWindow: z.enum(SLO_WINDOWS).nullable().default(null),
  sloPublic: z.boolean().default(false),
  ...timestamps,
  statusHistory: z.array(StatusChangeRow),
});

// One list for both kinds: which statuses a maintenance may pass through is the domain's
// rule, and an export must import whatever the database held.
const ANY_INCIDENT_STATUS = z.enum([...INCIDENT_STATUSES, ...MAINTENANCE_STATUSES]);

const UpdateRow = z.strictObject({
  id,
  status: ANY_INCIDENT_STATUS,
  body: text,
  displayAt: instant,
  affectedComponents: optionalText,
  notifySubscribers: z.boolean(),
  ...timestamps,
});

const IncidentRow = z.strictObject({
  id,
  kind: z.enum(INCIDENT_KINDS),
  name: text,
  status: ANY_INCIDENT_STATUS,
  impact: z.enum(IMPACTS),
  startedAt: instant,
  monitoringAt: optionalInstant,
  resolvedAt: optionalInstant,
  scheduledFor: optionalInstant,
  scheduledUntil: optionalInstant,
  postmortem: optionalText,
  backfilled: z.boolean(),
  // Absent in exports made before cancellations and reminders.
  cancelledAt: optionalInstant.default(null),
  remindBeforeMinutes: int.nullable().default(null),
  remindedAt: optionalInstant.default(null),
  creationKey: optionalText,
  version: int,
  ...timestamps,
  components: z.array(z.strictObject({ componentId: id, status: z.enum(COMPONENT_STATUSES) })),
  updates: z.array(UpdateRow),
});

const TemplateRow = z.strictObject({ id, name: text, title: text, status: z.enum([...INCIDENT_STATUSES, ...MAINTENANCE_STATUSES]), body: text, ...timestamps });

const ProbeRow = z.strictObject({
  id,
  componentId: id,
  name: text,
  kind: z.enum(CHECK_KINDS),
  config: text,
  schedule: text,
  thresholds: text,
  enabled: z.boolean(),
  ...timestamps,
});

const VendorMirrorRow = z.strictObject({
  id,
  componentId: id,
  url: text,
  vendorComponent: optionalText,
  vendorName: optionalText,
  vendorComponentName: optionalText,
  intervalSeconds: int,
  etag: optionalText,
  lastCheckedAt: optionalInstant,
  lastError: optionalText,
  nextCheckAt: instant,
  leaseUntil: optionalInstant,
  ...timestamps,
});

const SubscriberRow = z.strictObject({
  id,
  channel: z.enum(CHANNELS),
  target: text,
  confirmedAt: optionalInstant,
  expiresAt: optionalInstant,
  secret: optionalText.optional(),
  source: text,
  createdIp: optionalText,
  ...timestamps,
  componentIds: z.array(id),
});

const RecoveryCodeRow = z.strictObject({ id, codeHash: text, usedAt: optionalInstant });

const UserRow = z.strictObject({
  id,
  email: text,
  name: text,
  role: z.enum(ROLES),
  setupAdmin: z.boolean().nullable(),
  backupEmail: optionalText,
  backupEmailConfirmedAt: optionalInstant,
  ...timestamps,
  // Secrets: present only in an export made with --include-secrets.
  passwordHash: text.optional(),
  mfaSecret: optionalText.optional(),
  mfaEnrolledAt: optionalInstant.optional(),
  mfaLastStep: int.nullable().optional(),
  recoveryCodes: z.array(RecoveryCodeRow).optional(),
});

/** A heartbeat probe's URL token (its hash) and schedule state: only with secrets, like API keys. */
const ProbeHeartbeatRow = z.strictObject({
  probeId: id,
  tokenHash: text,
  tokenPrefix: text,
  lastPingAt: optionalInstant,
  lastPingStatus: optionalText,
  nextDueAt: optionalInstant,
  claimedUntil: optionalInstant,
  createdAt: instant,
  updatedAt: instant,
});

const ApiKeyRow = z.strictObject({
  id,
  name: text,
  prefix: text,
  keyHash: text,
  scopes: text,
  createdByEmail: optionalText,
  createdAt: instant,
  lastUsedAt: optionalInstant,
  revokedAt: optionalInstant,
  rateWindowStart: optionalInstant,
  rateCount: int,
  /** Absent in exports made before the sliding-window rate limit. */
  ratePrevCount: int.default(0),
});

const AuditRow = z.strictObject({
  id,
  at: instant,
  actorId: optionalText,
  actorEmail: optionalText,
  action: text,
  targetType: optionalText,
  targetId: optionalText,
  ip: optionalText,
  before: optionalText,
  after: optionalText,
});

const InstallationRow = z.strictObject({
  allowMetadataProbeTargets: z.boolean(),
  monthlyReportEnabled: z.boolean().default(true),
  monthlyReportMonth: z.string().nullable().default(null),
  updatedAt: instant,
});

/** What an import from Statuspage made of each source record (lib/import/): so a re-run after a move still changes nothing. */
const ImportedRecordRow = z.strictObject({ id, source: text, kind: text, externalId: text, localId: text, digest: text, ...timestamps });

const DocumentShape = z.strictObject({
  format: z.literal(EXPORT_FORMAT, { error: `expected "${EXPORT_FORMAT}": this is not a Vigil export` }),
  version: z.literal(EXPORT_VERSION, { error: `this Vigil reads version ${EXPORT_VERSION} exports` }),
  exportedAt: instant,
  includesSecrets: z.boolean(),
  page: PageRow.nullable(),
  installation: InstallationRow.nullable().default(null),
  componentGroups: z.array(GroupRow),
  components: z.array(ComponentRow),
  incidents: z.array(IncidentRow),
  incidentTemplates: z.array(TemplateRow),
  probes: z.array(ProbeRow),
  /** Absent in exports made before vendor mirrors. */
  vendorMirrors: z.array(VendorMirrorRow).default([]),
  subscribers: z.array(SubscriberRow),
  users: z.array(UserRow),
  /** Only with secrets. */
  apiKeys: z.array(ApiKeyRow).optional(),
  /** Only with secrets: without them each heartbeat probe needs a new token after the move. */
  probeHeartbeats: z.array(ProbeHeartbeatRow).optional(),
  auditEvents: z.array(AuditRow),
  /** Older exports have none. */
  importedRecords: z.array(ImportedRecordRow).default([]),
});

/** The column names of each row kind, for the test that every database column is covered. */
export const ROW_SHAPES = {
  PageSetting: PageRow,
  PageAsset: AssetRow,
  Installation: InstallationRow,
  ComponentGroup: GroupRow,
  Component: ComponentRow,
  ComponentStatusChange: StatusChangeRow,
  Incident: IncidentRow,
  IncidentComponent: IncidentRow.shape.components.element,
  IncidentUpdate: UpdateRow,
  IncidentTemplate: TemplateRow,
  Probe: ProbeRow,
  VendorMirror: VendorMirrorRow,
  Subscriber: SubscriberRow,
  User: UserRow,
  RecoveryCode: RecoveryCodeRow,
  ApiKey: ApiKeyRow,
  ProbeHeartbeat: ProbeHeartbeatRow,
  AuditEvent: AuditRow,
  ImportedRecord: ImportedRecordRow,
} as const;

type Path = (string | number)[];
type Issue = { path: Path; message: string };

/** Rows with where they sit in the document, so a problem can name its path. */
function located<T>(rows: readonly T[], base: Path): { row: T; path: Path }[] {
  return rows.map((row, i) => ({ row, path: [...base, i] }));
}

/** Rows whose key repeats an earlier row's; `field` names the key's field (none: the row is the key). */
function duplicates<T>(rows: { row: T; path: Path }[], key: (row: T) => string | null | undefined, what: string, field?: string): Issue[] {
  const seen = new Map<string, Path>();
  const issues: Issue[] = [];
  for (const { row, path } of rows) {
    const value = key(row);
    if (value === null || value === undefined) continue;
    const first = seen.get(value);
    if (first) issues.push({ path: field ? [...path, field] : path, message: `duplicate ${what} ${JSON.stringify(value)} (also at ${formatPath(first)})` });
    else seen.set(value, path);
  }
  return issues;
}

function missing(path: Path, what: string, value: string): Issue {
  return { path, message: `no ${what} with id ${JSON.stringify(value)} in the document` };
}

/** What the database's keys and unique indexes would refuse, found before anything is written. */
export function referenceProblems(doc: z.infer<typeof DocumentShape>): Issue[] {
  const groups = located(doc.componentGroups, ["componentGroups"]);
  const components = located(doc.components, ["components"]);
  const incidents = located(doc.incidents, ["incidents"]);
  const subscribers = located(doc.subscribers, ["subscribers"]);
  const users = located(doc.users, ["users"]);
  const history = components.flatMap(({ row, path }) => located(row.statusHistory, [...path, "statusHistory"]));
  const updates = incidents.flatMap(({ row, path }) => located(row.updates, [...path, "updates"]));
  const codes = users.flatMap(({ row, path }) => located(row.recoveryCodes ?? [], [...path, "recoveryCodes"]));
  const byId = <T extends { id: string }>(rows: { row: T; path: Path }[]) => duplicates(rows, (r) => r.id, "id", "id");

  const groupIds = new Set(doc.componentGroups.map((g) => g.id));
  const componentIds = new Set(doc.components.map((c) => c.id));
  const componentRef = (path: Path, value: string) => (componentIds.has(value) ? [] : [missing(path, "component", value)]);
  const probeIds = new Set(doc.probes.map((p) => p.id));

  return [
    ...byId(groups),
    ...byId(components),
    ...duplicates(components, (c) => c.slug, "slug", "slug"),
    ...components.flatMap(({ row, path }) =>
      row.groupId === null || groupIds.has(row.groupId) ? [] : [missing([...path, "groupId"], "component group", row.groupId)],
    ),
    ...byId(history),
    ...byId(incidents),
    ...duplicates(incidents, (i) => i.creationKey, "creation key", "creationKey"),
    ...incidents.flatMap(({ row, path }) => {
      const affected = located(row.components, [...path, "components"]);
      return [
        ...duplicates(affected, (a) => a.componentId, "component", "componentId"),
        ...affected.flatMap((a) => componentRef([...a.path, "componentId"], a.row.componentId)),
      ];
    }),
    ...byId(updates),
    ...byId(located(doc.incidentTemplates, ["incidentTemplates"])),
    ...byId(located(doc.probes, ["probes"])),
    ...located(doc.probes, ["probes"]).flatMap(({ row, path }) => componentRef([...path, "componentId"], row.componentId)),
    ...byId(subscribers),
    ...duplicates(subscribers, (s) => `${s.channel} ${s.target}`, "subscriber (channel and target)", "target"),
    ...subscribers.flatMap(({ row, path }) => {
      const filters = located(row.componentIds, [...path, "componentIds"]);
      return [...duplicates(filters, (componentId) => componentId, "component"), ...filters.flatMap((f) => componentRef(f.path, f.row))];
    }),
    ...byId(users),
    ...duplicates(users, (u) => u.email, "email", "email"),
    ...duplicates(users, (u) => (u.setupAdmin === null ? null : String(u.setupAdmin)), "setup marker", "setupAdmin"),
    ...byId(codes),
    ...byId(located(doc.apiKeys ?? [], ["apiKeys"])),
    ...duplicates(located(doc.apiKeys ?? [], ["apiKeys"]), (k) => k.keyHash, "key hash", "keyHash"),
    ...duplicates(located(doc.probeHeartbeats ?? [], ["probeHeartbeats"]), (h) => h.probeId, "probe", "probeId"),
    ...duplicates(located(doc.probeHeartbeats ?? [], ["probeHeartbeats"]), (h) => h.tokenHash, "token hash", "tokenHash"),
    ...located(doc.probeHeartbeats ?? [], ["probeHeartbeats"]).flatMap(({ row, path }) =>
      probeIds.has(row.probeId) ? [] : [missing([...path, "probeId"], "probe", row.probeId)],
    ),
    ...byId(located(doc.auditEvents, ["auditEvents"])),
  ];
}

export const ExportDocument = DocumentShape.superRefine((doc, ctx) => {
  for (const issue of referenceProblems(doc)) ctx.addIssue({ code: "custom", path: issue.path, message: issue.message });
});
export type ExportDocument = z.infer<typeof ExportDocument>;

/** `incidents[3].updates[0].status`: the path a person finds in the file. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const segment of path) {
    if (typeof segment === "number") out += `[${segment}]`;
    else out += out ? `.${String(segment)}` : String(segment);
  }
  return out || "(document)";
}

export class DocumentError extends OpsError {}

/** Parses a document read from a file; a problem names the first bad field's path. */
export function parseExportDocument(raw: unknown): ExportDocument {
  const result = ExportDocument.safeParse(raw);
  if (result.success) return result.data;
  const [first, ...rest] = result.error.issues;
  const more = rest.length ? ` (and ${rest.length} more problem${rest.length > 1 ? "s" : ""})` : "";
  throw new DocumentError(`Not a valid Vigil export: ${formatPath(first!.path)}: ${first!.message}${more}`);
}

/** Reads the document's JSON text; malformed JSON is reported like a bad field. */
export function parseExportText(json: string): ExportDocument {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch (error) {
    throw new DocumentError(`Not a valid Vigil export: the file is not JSON (${(error as Error).message})`);
  }
  return parseExportDocument(raw);
}
