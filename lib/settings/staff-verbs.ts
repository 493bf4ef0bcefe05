import { recordAudit } from "../audit/record";
import { assertCan, type StaffContext } from "../auth/staff";
import { inTransaction, type DbOrTx } from "../db";
import { forgetPublicPageUrl } from "../page/public-url";
import { bumpRevision } from "../page/revision";
import { type AssetKind, prepareAsset } from "./assets";
import { loadInstallationSettings, loadPageSettings, PAGE_ID } from "./queries";
import { InstallationSettingsInput, PageSettingsInput } from "./schemas";

// Admins' changes to the page's settings: parsed once here, audited with what changed, and
// on the public page, feeds, badges and the Statuspage API at once (the revision bump drops
// every instance's snapshot).

/** Only the fields whose value changes: what the audit row shows. */
function changedFields<T extends Record<string, unknown>>(before: T, change: Partial<T>): Partial<T> {
  const out: Partial<T> = {};
  for (const [key, value] of Object.entries(change) as [keyof T, T[keyof T]][]) {
    if (value !== undefined && JSON.stringify(before[key]) !== JSON.stringify(value)) out[key] = value;
  }
  return out;
}

export async function updatePageSettings(db: DbOrTx, staff: StaffContext, raw: PageSettingsInput) {
  assertCan(staff, "settings:manage");
  const input = PageSettingsInput.parse(raw);
  const result = await inTransaction(db, async (tx) => {
    const current = await loadPageSettings(tx);
    const before = { ...current, url: current.storedUrl };
    const changes = changedFields(before, input);
    if (Object.keys(changes).length === 0) return { changed: [] as string[] };
    const { footerLinks, ...columns } = changes;
    await tx.pageSetting.update({
      where: { id: PAGE_ID },
      data: { ...columns, ...(footerLinks ? { footerLinks: JSON.stringify(footerLinks) } : {}) },
    });
    await bumpRevision(tx);
    const beforeChanged = Object.fromEntries(Object.keys(changes).map((key) => [key, before[key as keyof typeof before]]));
    await recordAudit(tx, staff.actor, { action: "settings.updated", targetType: "page", targetId: String(PAGE_ID), before: beforeChanged, after: changes });
    return { changed: Object.keys(changes) };
  });
  if (result.changed.includes("url")) forgetPublicPageUrl();
  return { changed: result.changed, settings: await loadPageSettings(db) };
}

/** Replaces the page's logo or favicon with an uploaded file (checked and cleaned first). */
export async function setPageAsset(db: DbOrTx, staff: StaffContext, kind: AssetKind, bytes: Buffer) {
  assertCan(staff, "settings:manage");
  const asset = await prepareAsset(kind, bytes);
  await inTransaction(db, async (tx) => {
    const before = await tx.pageAsset.findUnique({ where: { pageId_kind: { pageId: PAGE_ID, kind } }, select: { sha256: true, contentType: true } });
    const data = { contentType: asset.contentType, sha256: asset.sha256, bytes: new Uint8Array(asset.bytes) };
    await tx.pageAsset.upsert({ where: { pageId_kind: { pageId: PAGE_ID, kind } }, create: { pageId: PAGE_ID, kind, ...data }, update: data });
    await bumpRevision(tx);
    await recordAudit(tx, staff.actor, {
      action: `settings.${kind}_uploaded`,
      targetType: "page",
      targetId: String(PAGE_ID),
      before: before ?? undefined,
      after: { sha256: asset.sha256, contentType: asset.contentType, bytes: asset.bytes.length },
    });
  });
  return loadPageSettings(db);
}

export async function removePageAsset(db: DbOrTx, staff: StaffContext, kind: AssetKind) {
  assertCan(staff, "settings:manage");
  await inTransaction(db, async (tx) => {
    const before = await tx.pageAsset.findUnique({ where: { pageId_kind: { pageId: PAGE_ID, kind } }, select: { sha256: true, contentType: true } });
    if (!before) return;
    await tx.pageAsset.delete({ where: { pageId_kind: { pageId: PAGE_ID, kind } } });
    await bumpRevision(tx);
    await recordAudit(tx, staff.actor, { action: `settings.${kind}_removed`, targetType: "page", targetId: String(PAGE_ID), before });
  });
  return loadPageSettings(db);
}

export async function updateInstallationSettings(db: DbOrTx, staff: StaffContext, raw: InstallationSettingsInput) {
  assertCan(staff, "settings:manage");
  const input = InstallationSettingsInput.parse(raw);
  return inTransaction(db, async (tx) => {
    const before = await loadInstallationSettings(tx);
    const changes = changedFields(before, input);
    if (Object.keys(changes).length === 0) return before;
    await tx.installation.upsert({ where: { id: 1 }, create: { id: 1, ...changes }, update: changes });
    await recordAudit(tx, staff.actor, { action: "settings.installation_updated", targetType: "installation", before, after: changes });
    return loadInstallationSettings(tx);
  });
}
