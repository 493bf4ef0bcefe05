import type { Db } from "../db";
import { EXPORT_FORMAT, EXPORT_VERSION, ExportDocument, formatPath } from "./document";
import { OpsError } from "./errors";
import { withoutSecrets } from "./secrets";

// Reads the installation's content tables (lib/ops/tables.ts says which and why) into one
// document, in one transaction so it is a consistent snapshot while Vigil keeps serving.

type Jsonish<T> = { [K in keyof T]: T[K] extends Date ? string : T[K] extends Date | null ? string | null : T[K] };

/** A row as JSON: dates as ISO strings, everything else as stored. */
function jsonRow<T extends object>(row: T): Jsonish<T> {
  return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, v instanceof Date ? v.toISOString() : v])) as Jsonish<T>;
}

/** Sorts by the given keys, compared as stored (ISO dates sort as text), so two exports of the same data are identical. */
function sorted<T>(rows: readonly T[], ...keys: (keyof T)[]): T[] {
  return [...rows].sort((a, b) => {
    for (const key of keys) {
      const x = a[key] as unknown as string | number;
      const y = b[key] as unknown as string | number;
      if (x !== y) return x < y ? -1 : 1;
    }
    return 0;
  });
}

/**
 * The installation as a document, without secrets unless `includeSecrets`. The document
 * is checked against the import schema before it is returned, so what exports imports.
 */
export async function exportInstallation(db: Db, options: { includeSecrets: boolean; now?: Date }): Promise<ExportDocument> {
  // Serializable: one snapshot for every table (SQLite's only level; on PostgreSQL a
  // read-only serializable transaction reads one snapshot and blocks no writer).
  const rows = await db.$transaction(
    async (tx) => ({
      page: await tx.pageSetting.findUnique({ where: { id: 1 }, include: { assets: true } }),
      installation: await tx.installation.findUnique({ where: { id: 1 } }),
      groups: await tx.componentGroup.findMany(),
      components: await tx.component.findMany({ include: { statusChanges: true } }),
      incidents: await tx.incident.findMany({ include: { updates: true, components: true } }),
      templates: await tx.incidentTemplate.findMany(),
      probes: await tx.probe.findMany(),
      vendorMirrors: await tx.vendorMirror.findMany(),
      subscribers: await tx.subscriber.findMany({ include: { components: { select: { componentId: true } } } }),
      users: await tx.user.findMany({ include: { recoveryCodes: true } }),
      apiKeys: await tx.apiKey.findMany(),
      heartbeats: await tx.probeHeartbeat.findMany(),
      audit: await tx.auditEvent.findMany(),
      importedRecords: await tx.importedRecord.findMany(),
    }),
    { isolationLevel: "Serializable", timeout: 10 * 60_000, maxWait: 10_000 },
  );

  const page =
    rows.page &&
    (({ id: _id, revision: _revision, assets, ...rest }) => ({
      ...jsonRow(rest),
      assets: sorted(
        assets.map(({ pageId: _p, bytes, ...asset }) => ({ ...jsonRow(asset), bytes: Buffer.from(bytes).toString("base64") })),
        "kind",
      ),
    }))(rows.page);
  const installation = rows.installation && (({ id: _id, ...rest }) => jsonRow(rest))(rows.installation);
  const full = {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    exportedAt: (options.now ?? new Date()).toISOString(),
    includesSecrets: true,
    page,
    installation,
    componentGroups: sorted(rows.groups.map(jsonRow), "position", "id"),
    components: sorted(rows.components, "position", "id").map(({ statusChanges, ...component }) => ({
      ...jsonRow(component),
      statusHistory: sorted(
        statusChanges.map(({ componentId: _c, ...change }) => jsonRow(change)),
        "at",
        "id",
      ),
    })),
    incidents: sorted(rows.incidents.map(jsonRow), "startedAt", "id").map(({ updates, components, ...incident }) => ({
      ...incident,
      components: sorted(
        components.map(({ componentId, status }) => ({ componentId, status })),
        "componentId",
      ),
      updates: sorted(
        updates.map(({ incidentId: _i, ...update }) => jsonRow(update)),
        "displayAt",
        "id",
      ),
    })),
    incidentTemplates: sorted(rows.templates.map(jsonRow), "id"),
    probes: sorted(rows.probes.map(jsonRow), "componentId", "id"),
    vendorMirrors: sorted(rows.vendorMirrors.map(jsonRow), "componentId"),
    subscribers: sorted(rows.subscribers.map(jsonRow), "id").map(({ components, ...subscriber }) => ({
      ...subscriber,
      componentIds: components.map((c) => c.componentId).sort(),
    })),
    users: sorted(rows.users.map(jsonRow), "email").map(({ recoveryCodes, ...user }) => ({
      ...user,
      recoveryCodes: sorted(
        recoveryCodes.map(({ userId: _u, ...code }) => jsonRow(code)),
        "id",
      ),
    })),
    apiKeys: sorted(rows.apiKeys.map(jsonRow), "id"),
    probeHeartbeats: sorted(rows.heartbeats.map(jsonRow), "probeId"),
    auditEvents: sorted(rows.audit.map(jsonRow), "at", "id"),
    importedRecords: sorted(rows.importedRecords.map(jsonRow), "source", "kind", "externalId"),
  };

  const checked = ExportDocument.safeParse(full);
  if (!checked.success) {
    const issue = checked.error.issues[0]!;
    throw new OpsError(`The database holds a value this export cannot carry: ${formatPath(issue.path)}: ${issue.message}`);
  }
  return options.includeSecrets ? checked.data : withoutSecrets(checked.data);
}

/** The file's text: indented, so a diff between two exports reads line by line. */
export function serializeExport(doc: ExportDocument): string {
  return `${JSON.stringify(doc, null, 2)}\n`;
}
