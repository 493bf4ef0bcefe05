import { DUMMY_PASSWORD_HASH } from "../auth/password";
import type { Db, Tx } from "../db";
import type { ExportDocument } from "./document";
import { OpsError } from "./errors";
import { DELETE_ORDER } from "./tables";

// Writes an export into a database in one transaction: every row with its id and
// timestamps (Prisma takes the document's ISO strings for dates as they are), or nothing.
// A field the document leaves out (a secret) takes its column's default: null.

export class ImportRefusedError extends OpsError {}

/** Rows per insert statement: well under SQLite's and PostgreSQL's bound-parameter limits. */
const CHUNK = 500;

async function insertAll<T>(rows: readonly T[], insert: (chunk: T[]) => Promise<unknown>): Promise<number> {
  for (let i = 0; i < rows.length; i += CHUNK) await insert(rows.slice(i, i + CHUNK));
  return rows.length;
}

/** Rows of the installation's own tables, by table: what `--replace` would remove. */
export async function countContent(db: Db | Tx): Promise<Record<string, number>> {
  return {
    "page settings": await db.pageSetting.count(),
    "component groups": await db.componentGroup.count(),
    components: await db.component.count(),
    "incidents and maintenances": await db.incident.count(),
    "incident templates": await db.incidentTemplate.count(),
    probes: await db.probe.count(),
    "vendor mirrors": await db.vendorMirror.count(),
    subscribers: await db.subscriber.count(),
    users: await db.user.count(),
    "API keys": await db.apiKey.count(),
    "audit events": await db.auditEvent.count(),
    "imported records": await db.importedRecord.count(),
  };
}

export function describeCounts(counts: Record<string, number>): string {
  return Object.entries(counts)
    .filter(([, n]) => n > 0)
    .map(([what, n]) => `${what}: ${n}`)
    .join(", ");
}

/**
 * Imports `doc` (already parsed with parseExportDocument). Refuses a database that holds
 * any content unless `replace`, which first empties every Vigil table in the same
 * transaction. Users imported without a password hash get one no password matches, and
 * no MFA secret: they cannot sign in until `npm run admin:password` sets a password, and
 * they enrol an authenticator at their next sign-in.
 */
export async function importInstallation(db: Db, doc: ExportDocument, options: { replace: boolean }): Promise<Record<string, number>> {
  return db.$transaction(
    async (tx) => {
      const existing = await countContent(tx);
      if (!options.replace && Object.values(existing).some((n) => n > 0)) {
        throw new ImportRefusedError(
          `The database is not empty (${describeCounts(existing)}). Import into an empty database, or pass --replace to delete all of it first.`,
        );
      }
      // Running instances drop their cached page when the revision moves on.
      const previous = await tx.pageSetting.findUnique({ where: { id: 1 }, select: { revision: true } });
      if (options.replace) for (const table of DELETE_ORDER) await tx.$executeRawUnsafe(`DELETE FROM "${table}"`);
      return writeDocument(tx, doc, previous ? previous.revision + 1 : 0);
    },
    { timeout: 10 * 60_000, maxWait: 10_000 },
  );
}

async function writeDocument(tx: Tx, doc: ExportDocument, revision: number): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  if (doc.page) {
    const { assets, ...page } = doc.page;
    await tx.pageSetting.create({ data: { ...page, id: 1, revision } });
    counts["page assets"] = await insertAll(
      assets.map((asset) => ({ ...asset, pageId: 1, bytes: Buffer.from(asset.bytes, "base64") })),
      (data) => tx.pageAsset.createMany({ data }),
    );
  }
  if (doc.installation) await tx.installation.create({ data: { ...doc.installation, id: 1 } });
  counts["page settings"] = doc.page ? 1 : 0;
  counts["component groups"] = await insertAll(doc.componentGroups, (data) => tx.componentGroup.createMany({ data }));
  counts.components = await insertAll(
    doc.components.map(({ statusHistory: _h, ...component }) => component),
    (data) => tx.component.createMany({ data }),
  );
  counts["status changes"] = await insertAll(
    doc.components.flatMap((c) => c.statusHistory.map((change) => ({ ...change, componentId: c.id }))),
    (data) => tx.componentStatusChange.createMany({ data }),
  );
  counts["incidents and maintenances"] = await insertAll(
    doc.incidents.map(({ updates: _u, components: _c, ...incident }) => incident),
    (data) => tx.incident.createMany({ data }),
  );
  counts["affected components"] = await insertAll(
    doc.incidents.flatMap((i) => i.components.map((affected) => ({ ...affected, incidentId: i.id }))),
    (data) => tx.incidentComponent.createMany({ data }),
  );
  counts["incident updates"] = await insertAll(
    doc.incidents.flatMap((i) => i.updates.map((update) => ({ ...update, incidentId: i.id }))),
    (data) => tx.incidentUpdate.createMany({ data }),
  );
  counts["incident templates"] = await insertAll(doc.incidentTemplates, (data) => tx.incidentTemplate.createMany({ data }));
  counts.probes = await insertAll(doc.probes, (data) => tx.probe.createMany({ data }));
  counts["vendor mirrors"] = await insertAll(doc.vendorMirrors, (data) => tx.vendorMirror.createMany({ data }));
  counts.subscribers = await insertAll(
    doc.subscribers.map(({ componentIds: _c, ...subscriber }) => subscriber),
    (data) => tx.subscriber.createMany({ data }),
  );
  counts["subscriber component filters"] = await insertAll(
    doc.subscribers.flatMap((s) => s.componentIds.map((componentId) => ({ subscriberId: s.id, componentId }))),
    (data) => tx.subscriberComponent.createMany({ data }),
  );
  counts.users = await insertAll(
    // A secret left out of the document is left null (no MFA: enrol at next sign-in).
    doc.users.map(({ recoveryCodes: _r, ...user }) => ({ ...user, passwordHash: user.passwordHash ?? DUMMY_PASSWORD_HASH })),
    (data) => tx.user.createMany({ data }),
  );
  counts["recovery codes"] = await insertAll(
    doc.users.flatMap((u) => (u.recoveryCodes ?? []).map((code) => ({ ...code, userId: u.id }))),
    (data) => tx.recoveryCode.createMany({ data }),
  );
  counts["API keys"] = await insertAll(doc.apiKeys ?? [], (data) => tx.apiKey.createMany({ data }));
  counts["heartbeat tokens"] = await insertAll(doc.probeHeartbeats ?? [], (data) => tx.probeHeartbeat.createMany({ data }));
  counts["audit events"] = await insertAll(doc.auditEvents, (data) => tx.auditEvent.createMany({ data }));
  counts["imported records"] = await insertAll(doc.importedRecords, (data) => tx.importedRecord.createMany({ data }));
  return counts;
}
