import { createHash } from "node:crypto";
import { rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { StaffContext } from "@/lib/auth/staff";
import { setManualStatus } from "@/lib/components/set-component-status";
import { createDb, type Db } from "@/lib/db";
import { applyMigrations } from "@/lib/migrations/migrate";
import { buildSnapshot } from "@/lib/public/build-snapshot";
import { loadStatusRows } from "@/lib/public/queries";
import { buildStatuspageDocuments } from "@/lib/statuspage/map";
import { loadStatuspageSource } from "@/lib/statuspage/queries";
import { createVendorFetcher } from "@/lib/vendors/fetch";
import { pollVendorMirrors, removeVendorMirror, setVendorMirror } from "@/lib/vendors/mirror";
import { createComponent, createPage, resetDb, testDb } from "./db";

// Issue 17, third-party components: a component shows what a vendor's Statuspage-compatible
// page says. The vendor here is a second Vigil: its own database, served by Vigil's own
// Statuspage v2 presenter over HTTP on loopback, with ETags as Vigil serves them.

const VENDOR_DB = `data/it-vendor-${process.pid}.db`;
let ours: Db;
let vendor: Db;
let server: Server;
let base: string;
const seen: { status: number; ifNoneMatch: string | undefined }[] = [];
let failWith: number | null = null;
const fetcher = createVendorFetcher({ allowPrivate: true });
const editor: StaffContext = { role: "editor", actor: { id: "ed", email: "ed@example.com", ip: null }, sessionId: null };

beforeAll(async () => {
  ours = await testDb();
  // The vendor's Vigil: an installation of its own, on the embedded default (a SQLite file).
  rmSync(VENDOR_DB, { force: true });
  await applyMigrations(`file:./${VENDOR_DB}`);
  vendor = createDb(`file:./${VENDOR_DB}`);
  server = createServer((req, res) => {
    void (async () => {
      if (failWith !== null) {
        seen.push({ status: failWith, ifNoneMatch: req.headers["if-none-match"] });
        res.writeHead(failWith).end("down");
        return;
      }
      const body = JSON.stringify(buildStatuspageDocuments(await loadStatuspageSource(vendor))["/api/v2/summary.json"]);
      const etag = `"${createHash("sha1").update(body).digest("base64url")}"`;
      const status = req.headers["if-none-match"] === etag ? 304 : 200;
      seen.push({ status, ifNoneMatch: req.headers["if-none-match"] });
      res.writeHead(status, { "content-type": "application/json", etag }).end(status === 200 ? body : undefined);
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await vendor.$disconnect();
  for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(`${VENDOR_DB}${suffix}`, { force: true });
});

beforeEach(async () => {
  await resetDb(ours);
  await resetDb(vendor);
  await createPage(ours);
  await vendor.pageSetting.create({ data: { id: 1, name: "Acme Cloud", url: "http://localhost", timeZone: "UTC" } });
  seen.length = 0;
  failWith = null;
});

const later = (seconds: number) => new Date(Date.now() + seconds * 1000);
const statusOf = async (id: string) => (await ours.component.findUniqueOrThrow({ where: { id } })).status;

async function mirrored() {
  const upstream = await createComponent(vendor, "storage");
  const mine = await createComponent(ours, "acme-storage");
  await setVendorMirror(ours, editor, { componentId: mine.id, url: base, vendorComponent: "storage", intervalSeconds: 60 }, fetcher);
  return { upstream, mine };
}

describe("a component that mirrors a vendor", () => {
  it("shows the vendor's status for it, follows changes, and sends nothing to anyone", async () => {
    const { upstream, mine } = await mirrored();
    await ours.subscriber.create({ data: { channel: "email", target: "kim@example.com", confirmedAt: new Date() } });
    const mirror = await ours.vendorMirror.findUniqueOrThrow({ where: { componentId: mine.id } });
    expect(mirror).toMatchObject({ url: `${base}/api/v2/summary.json`, vendorName: "Acme Cloud", vendorComponentName: "STORAGE", lastError: null });
    expect(await statusOf(mine.id)).toBe("operational");

    await setManualStatus(vendor, upstream.id, "partial_outage", { source: "staff", at: new Date() });
    expect(await pollVendorMirrors(ours, fetcher, later(30))).toBe(0); // not due yet
    expect(await pollVendorMirrors(ours, fetcher, later(61))).toBe(1);
    expect(await statusOf(mine.id)).toBe("partial_outage");
    const history = await ours.componentStatusChange.findMany({ where: { componentId: mine.id }, orderBy: { createdAt: "desc" }, take: 1 });
    expect(history[0]).toMatchObject({ source: "vendor", toStatus: "partial_outage", note: "Acme Cloud · STORAGE says Partial Outage" });
    expect(await ours.alertEvent.count()).toBe(0);
    expect(await ours.incident.count()).toBe(0);
    // The public page names the vendor under the component.
    const shown = buildSnapshot(await loadStatusRows(ours, new Date(Date.now() - 86_400_000)), new Date()).items.find(
      (i) => i.type === "component" && i.component.id === mine.id,
    );
    expect(shown?.type === "component" && shown.component).toMatchObject({ status: "partial_outage", vendor: "Acme Cloud" });
  });

  it("asks with the last ETag, so an unchanged vendor page costs a 304", async () => {
    const { mine } = await mirrored();
    await pollVendorMirrors(ours, fetcher, later(61));
    await pollVendorMirrors(ours, fetcher, later(122));
    // The read when it was set up kept the ETag: both polls find the vendor's page unchanged.
    expect(seen.map((s) => s.status)).toEqual([200, 304, 304]);
    expect(seen[1]!.ifNoneMatch).toMatch(/^"/);
    expect((await ours.vendorMirror.findUniqueOrThrow({ where: { componentId: mine.id } })).lastCheckedAt!.getTime()).toBeGreaterThan(Date.now() + 100_000);
  });

  it("keeps the last status when the vendor's page is down, and says why", async () => {
    const { upstream, mine } = await mirrored();
    await setManualStatus(vendor, upstream.id, "major_outage", { source: "staff", at: new Date() });
    await pollVendorMirrors(ours, fetcher, later(61));
    failWith = 503;
    await pollVendorMirrors(ours, fetcher, later(122));
    expect(await statusOf(mine.id)).toBe("major_outage");
    expect((await ours.vendorMirror.findUniqueOrThrow({ where: { componentId: mine.id } })).lastError).toBe("the vendor's page answered 503");
  });

  it("gives way to a status staff set, and to nothing else once it is removed", async () => {
    const { upstream, mine } = await mirrored();
    await setManualStatus(vendor, upstream.id, "major_outage", { source: "staff", at: new Date() });
    await pollVendorMirrors(ours, fetcher, later(61));
    await setManualStatus(ours, mine.id, "degraded_performance", { source: "staff", at: new Date() });
    expect(await statusOf(mine.id)).toBe("degraded_performance");
    await setManualStatus(ours, mine.id, null, { source: "staff", at: new Date() });
    expect(await statusOf(mine.id)).toBe("major_outage");
    await removeVendorMirror(ours, editor, mine.id);
    expect(await statusOf(mine.id)).toBe("operational");
  });

  it("is read once per interval with two instances polling at once", async () => {
    await mirrored();
    const at = later(61);
    await Promise.all([pollVendorMirrors(ours, fetcher, at), pollVendorMirrors(ours, fetcher, at), pollVendorMirrors(ours, fetcher, at)]);
    expect(seen).toHaveLength(2); // the read when it was set up, then one
  });

  it("says on the form what is wrong: an unknown component, a page that is not a status page, a private address", async () => {
    await createComponent(vendor, "storage");
    const mine = await createComponent(ours, "acme-storage");
    await expect(setVendorMirror(ours, editor, { componentId: mine.id, url: base, vendorComponent: "Queues" }, fetcher)).rejects.toMatchObject({
      code: "invalid",
      fields: { vendorComponent: 'Acme Cloud lists no component "Queues"' },
    });
    failWith = 404;
    await expect(setVendorMirror(ours, editor, { componentId: mine.id, url: `${base}/status` }, fetcher)).rejects.toMatchObject({
      fields: { url: "the vendor's page answered 404" },
    });
    failWith = null;
    const guarded = createVendorFetcher({ allowPrivate: false });
    await expect(setVendorMirror(ours, editor, { componentId: mine.id, url: base }, guarded)).rejects.toMatchObject({
      fields: { url: expect.stringContaining("WEBHOOK_ALLOW_PRIVATE") },
    });
    await expect(setVendorMirror(ours, editor, { componentId: mine.id, url: "ftp://x", intervalSeconds: 5 }, fetcher)).rejects.toMatchObject({
      issues: expect.arrayContaining([expect.objectContaining({ path: ["url"] }), expect.objectContaining({ path: ["intervalSeconds"] })]),
    });
    expect(await ours.vendorMirror.count()).toBe(0);
  });
});
