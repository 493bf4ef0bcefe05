import { beforeEach, describe, expect, it } from "vitest";
import { createApiKey } from "@/lib/api-keys/keys";
import type { StaffContext } from "@/lib/auth/staff";
import type { Db } from "@/lib/db";
import { seedIfEmpty } from "@/lib/seed/demo";
import { completePageSetup, needsPageSetup, skipPageSetup } from "@/lib/settings/first-run";
import { loadPageSettings } from "@/lib/settings/queries";
import { resetDb, testDb } from "./db";

// The first-run "Set up your page" step on a fresh demo install.

let db: Db;
const admin: StaffContext = { role: "admin", actor: { id: null, email: "ana@example.com", ip: null }, sessionId: null };
const setup = { name: "Acme", url: "https://status.acme.test", timeZone: "Pacific/Auckland", locale: "en-GB" as const };

const content = async () => ({
  components: await db.component.count(),
  groups: await db.componentGroup.count(),
  incidents: await db.incident.count(),
  probes: await db.probe.count(),
  subscribers: await db.subscriber.count(),
  templates: await db.incidentTemplate.count(),
  history: await db.componentStatusChange.count(),
});

beforeEach(async () => {
  db = await testDb();
  await resetDb(db);
  await seedIfEmpty(db, { demo: true, url: "http://localhost:3000" });
});

describe("first run", () => {
  it("is owed on a fresh install, and saving the essentials keeps the demo unless asked", async () => {
    expect(await needsPageSetup(db)).toBe(true);
    const before = await content();
    expect(before.components).toBeGreaterThan(5);
    await completePageSetup(db, admin, { settings: setup, clearDemo: false });
    expect(await needsPageSetup(db)).toBe(false);
    expect(await loadPageSettings(db)).toMatchObject({ name: "Acme", url: "https://status.acme.test", timeZone: "Pacific/Auckland", locale: "en-GB" });
    expect(await content()).toEqual(before);
  });

  it("clearing removes every piece of demo content in one go and keeps the team, keys and audit", async () => {
    const key = await createApiKey(db, admin, { name: "deploys", scopes: ["read"] });
    await db.subscriber.create({ data: { channel: "email", target: "sub@example.com", confirmedAt: new Date() } });
    await completePageSetup(db, admin, { settings: setup, clearDemo: true });
    expect(await content()).toEqual({ components: 0, groups: 0, incidents: 0, probes: 0, subscribers: 0, templates: 6, history: 0 });
    expect(await db.apiKey.count({ where: { id: key.id } })).toBe(1);
    const audit = await db.auditEvent.findFirstOrThrow({ where: { action: "settings.page_set_up" } });
    expect(JSON.parse(audit.after!).clearedDemo).toMatchObject({ components: expect.any(Number), subscribers: 1 });
  });

  it("bad settings keep the demo and the step: nothing is half done", async () => {
    const before = await content();
    await expect(completePageSetup(db, admin, { settings: { ...setup, url: "ftp://acme.test" }, clearDemo: true })).rejects.toMatchObject({
      issues: [expect.objectContaining({ path: ["url"] })],
    });
    expect(await content()).toEqual(before);
    expect(await needsPageSetup(db)).toBe(true);
  });

  it("skipping ends the step without changing anything; editors cannot do either", async () => {
    const editor = { ...admin, role: "editor" as const };
    await expect(skipPageSetup(db, editor)).rejects.toMatchObject({ code: "forbidden" });
    await expect(completePageSetup(db, editor, { settings: setup, clearDemo: true })).rejects.toMatchObject({ code: "forbidden" });
    await skipPageSetup(db, admin);
    expect(await needsPageSetup(db)).toBe(false);
    expect((await loadPageSettings(db)).name).not.toBe("Acme");
  });
});
