import { recordAudit } from "../audit/record";
import { assertCan, type StaffContext } from "../auth/staff";
import { recomputeComponentStatus } from "../components/set-component-status";
import { inTransaction, type DbOrTx } from "../db";
import { InvalidInputError, NotFoundError } from "../errors";
import { COMPONENT_STATUS_LABELS, type ComponentStatus } from "../status/schemas";
import type { VendorFetcher } from "./fetch";
import { summaryUrl, VendorMirrorInput } from "./schemas";
import { parseVendorSummary, readMirror, type MirrorReading } from "./summary";

// Third-party components (issue 17): a component that shows what a vendor's own status page
// says of theirs (or of the vendor as a whole). The vendor's status is a layer of its own
// (Component.vendorStatus, lib/components/effective-status.ts): staff override it as they
// do probes, a maintenance wins over it, and it never opens an incident or alerts anyone.

/** The job's claim on a mirror while it reads the vendor: long enough for one slow fetch. */
const LEASE_MS = 60_000;

type Reading = MirrorReading | { ok: "unchanged" };

async function readVendor(
  fetcher: VendorFetcher,
  url: string,
  vendorComponent: string | null,
  etag: string | null,
): Promise<Reading & { etag?: string | null }> {
  const fetched = await fetcher(url, etag);
  if (fetched.kind === "unchanged") return { ok: "unchanged" };
  if (fetched.kind === "failed") return { ok: false, error: fetched.error };
  const parsed = parseVendorSummary(fetched.body);
  if (!parsed.ok) return { ok: false, error: parsed.error };
  return { ...readMirror(parsed.summary, vendorComponent), etag: fetched.etag };
}

/** Stores what was read and moves the component's vendor layer; `true` when its status changed. */
async function apply(
  tx: DbOrTx,
  mirror: { id: string; componentId: string; intervalSeconds: number },
  reading: Reading & { etag?: string | null },
  now: Date,
): Promise<boolean> {
  const next = { lastCheckedAt: now, nextCheckAt: new Date(now.getTime() + mirror.intervalSeconds * 1000), leaseUntil: null };
  if (reading.ok === "unchanged") {
    await tx.vendorMirror.update({ where: { id: mirror.id }, data: { ...next, lastError: null } });
    return false;
  }
  if (!reading.ok) {
    // The last status read stays: a vendor's page being unreachable is not their outage.
    await tx.vendorMirror.update({ where: { id: mirror.id }, data: { ...next, lastError: reading.error } });
    return false;
  }
  await tx.vendorMirror.update({
    where: { id: mirror.id },
    data: { ...next, lastError: null, etag: reading.etag ?? null, vendorName: reading.vendorName, vendorComponentName: reading.componentName },
  });
  const before = await tx.component.findUniqueOrThrow({ where: { id: mirror.componentId }, select: { vendorStatus: true } });
  if (before.vendorStatus === reading.status) return false;
  await tx.component.update({ where: { id: mirror.componentId }, data: { vendorStatus: reading.status } });
  return recomputeComponentStatus(tx, mirror.componentId, {
    source: "vendor",
    at: now,
    note: vendorNote(reading.vendorName, reading.componentName, reading.status),
  });
}

const vendorNote = (vendor: string, component: string | null, status: ComponentStatus) =>
  `${vendor}${component ? ` · ${component}` : ""} says ${COMPONENT_STATUS_LABELS[status]}`;

/**
 * Reads every mirror whose time has come. Safe with several instances: each mirror is
 * claimed (a lease) before its vendor is read, so each is read once per interval.
 * Returns how many components changed status.
 */
export async function pollVendorMirrors(db: DbOrTx, fetcher: VendorFetcher, now = new Date()): Promise<number> {
  const due = await db.vendorMirror.findMany({
    where: { nextCheckAt: { lte: now }, OR: [{ leaseUntil: null }, { leaseUntil: { lt: now } }] },
    select: { id: true, componentId: true, url: true, vendorComponent: true, etag: true, intervalSeconds: true, leaseUntil: true },
    take: 200,
  });
  let changed = 0;
  for (const mirror of due) {
    const claimed = await db.vendorMirror.updateMany({
      where: { id: mirror.id, nextCheckAt: { lte: now }, leaseUntil: mirror.leaseUntil },
      data: { leaseUntil: new Date(now.getTime() + LEASE_MS) },
    });
    if (claimed.count !== 1) continue;
    const reading = await readVendor(fetcher, mirror.url, mirror.vendorComponent, mirror.etag);
    if (await inTransaction(db, (tx) => apply(tx, mirror, reading, now))) changed++;
  }
  return changed;
}

/**
 * Makes a component mirror a vendor (or changes what it mirrors), reading the vendor once
 * first so a wrong address or component name is said now, on the form, not later in a log.
 */
export async function setVendorMirror(db: DbOrTx, staff: StaffContext, raw: VendorMirrorInput, fetcher: VendorFetcher, now = new Date()) {
  assertCan(staff, "components:write");
  const input = VendorMirrorInput.parse(raw);
  const url = summaryUrl(input.url);
  const component = await db.component.findUnique({ where: { id: input.componentId }, select: { id: true } });
  if (!component) throw new NotFoundError("component");
  const reading = await readVendor(fetcher, url, input.vendorComponent, null);
  if (reading.ok === false) {
    const field = /lists no component|unknown status/.test(reading.error) ? "vendorComponent" : "url";
    throw new InvalidInputError(`The vendor's page could not be mirrored: ${reading.error}.`, { [field]: reading.error });
  }
  return inTransaction(db, async (tx) => {
    const saved = await tx.vendorMirror.upsert({
      where: { componentId: input.componentId },
      create: { componentId: input.componentId, url, vendorComponent: input.vendorComponent, intervalSeconds: input.intervalSeconds },
      update: { url, vendorComponent: input.vendorComponent, intervalSeconds: input.intervalSeconds, etag: null },
    });
    // Apply even when the status is the one already stored: the vendor may be new.
    await tx.component.update({ where: { id: input.componentId }, data: { vendorStatus: null } });
    await apply(tx, saved, reading, now);
    await recordAudit(tx, staff.actor, {
      action: "component.vendor_mirror",
      targetType: "component",
      targetId: input.componentId,
      after: { url, vendorComponent: input.vendorComponent, intervalSeconds: input.intervalSeconds },
    });
    return tx.vendorMirror.findUniqueOrThrow({ where: { id: saved.id } });
  });
}

/** Stops mirroring: the component goes back to its probes (or Operational). */
export async function removeVendorMirror(db: DbOrTx, staff: StaffContext, componentId: string, now = new Date()): Promise<void> {
  assertCan(staff, "components:write");
  await inTransaction(db, async (tx) => {
    const removed = await tx.vendorMirror.deleteMany({ where: { componentId } });
    if (removed.count === 0) throw new NotFoundError("vendor mirror");
    await tx.component.update({ where: { id: componentId }, data: { vendorStatus: null } });
    await recomputeComponentStatus(tx, componentId, { source: "vendor", at: now, note: "no longer mirrors a vendor" });
    await recordAudit(tx, staff.actor, { action: "component.vendor_mirror_removed", targetType: "component", targetId: componentId });
  });
}

/** A component's mirror as the console shows it, or null. */
export async function getVendorMirror(db: DbOrTx, componentId: string) {
  return db.vendorMirror.findUnique({
    where: { componentId },
    select: { url: true, vendorComponent: true, vendorName: true, vendorComponentName: true, intervalSeconds: true, lastCheckedAt: true, lastError: true },
  });
}
export type VendorMirrorView = NonNullable<Awaited<ReturnType<typeof getVendorMirror>>>;
