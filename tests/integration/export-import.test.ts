import { spawnSync } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DUMMY_PASSWORD_HASH, verifyPassword } from "@/lib/auth/password";
import { createDb, type Db } from "@/lib/db";
import { databaseProvider } from "@/lib/env";
import { loadIncidents } from "@/lib/incidents/read";
import { applyMigrations } from "@/lib/migrations/migrate";
import { parseExportText, type ExportDocument } from "@/lib/ops/document";
import { exportInstallation, serializeExport } from "@/lib/ops/export";
import { countContent, ImportRefusedError, importInstallation } from "@/lib/ops/import";
import { setPasswordFromShell } from "@/lib/ops/set-password";
import { loadStatusRows } from "@/lib/public/queries";
import { seedIfEmpty } from "@/lib/seed/demo";
import { resetDb, testDatabaseUrl, testDb } from "./db";

// npm run export / import: the demo installation (plus staff, subscribers, secrets) exported
// from the run's database, imported into a second database of the other kind (SQLite →
// PostgreSQL on the SQLite run when TEST_POSTGRES_URL is set, PostgreSQL → SQLite on the
// PostgreSQL run), and back: every document read back is the one written.

const provider = databaseProvider(testDatabaseUrl());
const postgresServer = process.env.TEST_POSTGRES_URL;
const movesToPostgres = provider === "sqlite" && postgresServer !== undefined;
const scratch = path.join("data", `it-export-${process.pid}`);
let db: Db;
let other: { url: string; db: Db; drop: () => Promise<void> };

const SECRETS = {
  passwordHash: "scrypt$1024$8$1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g",
  mfaSecret: "mfa-secret-as-stored",
  codeHash: "recovery-code-hash-as-stored",
  webhookSecret: "webhook-secret-as-stored",
  signingSecret: "signing-secret-as-stored",
  keyHash: "api-key-hash-as-stored",
  heartbeatTokenHash: "heartbeat-token-hash-as-stored",
};

/** A fresh database on TEST_POSTGRES_URL's server (never that database itself), or a SQLite file. */
async function openOtherDatabase(): Promise<typeof other> {
  if (movesToPostgres) {
    const name = `vigil_export_test_${process.pid}`;
    const admin = new pg.Client({ connectionString: postgresServer! });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${name}`);
    const url = new URL(postgresServer!);
    url.pathname = `/${name}`;
    await applyMigrations(url.toString());
    const client = createDb(url.toString());
    return {
      url: url.toString(),
      db: client,
      drop: async () => {
        await client.$disconnect();
        await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await admin.end();
      },
    };
  }
  // On the PostgreSQL run the other kind is SQLite; without TEST_POSTGRES_URL the SQLite run
  // can only move to another SQLite file.
  const url = `file:./${scratch}/other.db`;
  await applyMigrations(url);
  const client = createDb(url);
  return { url, db: client, drop: () => client.$disconnect() };
}

async function addStaffSubscribersAndSecrets(target: Db) {
  const [api, hubdoc] = await Promise.all([
    target.component.findUniqueOrThrow({ where: { slug: "verify" } }),
    target.component.findUniqueOrThrow({ where: { slug: "hubdoc" } }),
  ]);
  await target.pageSetting.update({ where: { id: 1 }, data: { signingSecret: SECRETS.signingSecret } });
  await target.user.create({
    data: {
      email: "ana@example.com",
      name: "Ana",
      role: "admin",
      setupAdmin: true,
      passwordHash: SECRETS.passwordHash,
      mfaSecret: SECRETS.mfaSecret,
      mfaEnrolledAt: new Date("2026-11-01T08:00:00.123Z"),
      mfaLastStep: 59_000_123,
      backupEmail: "ana@home.example",
      recoveryCodes: { create: [{ codeHash: SECRETS.codeHash }, { codeHash: `${SECRETS.codeHash}-used`, usedAt: new Date("2026-11-02T08:00:00Z") }] },
      sessions: { create: { id: "session-hash", expiresAt: new Date("2030-01-01T00:00:00Z") } },
    },
  });
  await target.user.create({ data: { email: "ed@example.com", name: "Ed", role: "editor", passwordHash: SECRETS.passwordHash } });
  await target.subscriber.create({
    data: {
      channel: "email",
      target: "reader@example.com",
      confirmedAt: new Date("2026-11-03T00:00:00Z"),
      components: { create: [{ componentId: api.id }, { componentId: hubdoc.id }] },
    },
  });
  await target.subscriber.create({
    data: { channel: "email", target: "pending@example.com", expiresAt: new Date("2030-01-01T00:00:00Z"), createdIp: "192.0.2.7" },
  });
  await target.subscriber.create({
    data: {
      channel: "webhook",
      target: "https://hooks.example.com/vigil",
      confirmedAt: new Date("2026-11-04T00:00:00Z"),
      secret: SECRETS.webhookSecret,
      source: "staff",
    },
  });
  await target.incidentTemplate.create({ data: { name: "Slow", title: "Slowness", status: "investigating", body: "We are looking into it." } });
  await target.apiKey.create({ data: { name: "Deploy bot", prefix: "vgl_abcd", keyHash: SECRETS.keyHash, scopes: "read,incidents:write" } });
  await target.probe.create({
    data: {
      componentId: hubdoc.id,
      name: "Nightly backup",
      kind: "heartbeat",
      config: '{"kind":"heartbeat","graceSeconds":600,"timeoutMs":10000}',
      schedule: '{"cron":"0 0 3 * * *"}',
      thresholds: "{}",
      heartbeat: {
        create: { tokenHash: SECRETS.heartbeatTokenHash, tokenPrefix: "hb_abcdef", lastPingAt: new Date("2026-11-05T03:01:00Z"), lastPingStatus: "ok" },
      },
    },
  });
  await target.auditEvent.create({
    data: { action: "user.create", actorEmail: "admin:create", targetType: "user", after: JSON.stringify({ email: "ana@example.com" }) },
  });
}

/** The document as the CLI reads it back from its file. */
const throughFile = (doc: ExportDocument) => parseExportText(serializeExport(doc));
const withoutTime = (doc: ExportDocument) => ({ ...doc, exportedAt: "(any)" });

beforeAll(async () => {
  rmSync(scratch, { recursive: true, force: true });
  mkdirSync(scratch, { recursive: true });
  db = await testDb();
  await resetDb(db);
  await seedIfEmpty(db, { demo: true, url: "http://localhost:3000" });
  await addStaffSubscribersAndSecrets(db);
  other = await openOtherDatabase();
}, 60_000);

afterAll(async () => {
  await other?.drop();
  rmSync(scratch, { recursive: true, force: true });
});

describe(`export and import between ${provider} and another database`, () => {
  it("an export imported into the other database exports the same document, and back again", async () => {
    const original = await exportInstallation(db, { includeSecrets: true });
    expect(original.components).toHaveLength(14);
    expect(original.incidents.length).toBeGreaterThan(5);
    // The demo's 14 and the heartbeat added above, which carries its token hash (with secrets only).
    expect(original.probes).toHaveLength(15);
    expect(original.probeHeartbeats?.map((h) => h.tokenHash)).toEqual([SECRETS.heartbeatTokenHash]);

    const counts = await importInstallation(other.db, throughFile(original), { replace: false });
    expect(counts).toMatchObject({ components: 14, users: 2, subscribers: 3, "subscriber component filters": 2, "recovery codes": 2, "API keys": 1 });
    const moved = await exportInstallation(other.db, { includeSecrets: true });
    expect(withoutTime(moved)).toEqual(withoutTime(original));

    // The read models see the same page: links between rows survived the move.
    const since = new Date(Date.now() - 90 * 86_400_000);
    const incidents = (client: Db) => loadIncidents(client, {}, { orderBy: [{ startedAt: "asc" }, { id: "asc" }] });
    expect(await incidents(other.db)).toEqual(await incidents(db));
    // Compared as sets: the providers break ties in the query's ordering differently. The
    // page's revision counter is each database's own.
    const statusRows = async (client: Db) => {
      const rows = await loadStatusRows(client, since);
      const bySerialized = (list: unknown[]) => list.map((row) => JSON.stringify(row)).sort();
      return Object.fromEntries(
        Object.entries({ ...rows, page: { ...rows.page, revision: 0 } }).map(([key, value]) => [key, Array.isArray(value) ? bySerialized(value) : value]),
      );
    };
    expect(await statusRows(other.db)).toEqual(await statusRows(db));

    // Back the other way, replacing what the run's database holds.
    await importInstallation(db, throughFile(moved), { replace: true });
    expect(withoutTime(await exportInstallation(db, { includeSecrets: true }))).toEqual(withoutTime(original));
  });

  it("leaves secrets out unless asked; users imported without them cannot sign in until a password is set", async () => {
    const plain = serializeExport(await exportInstallation(db, { includeSecrets: false }));
    const full = serializeExport(await exportInstallation(db, { includeSecrets: true }));
    for (const value of Object.values(SECRETS)) {
      expect(full).toContain(value);
      expect(plain).not.toContain(value);
    }
    expect(JSON.parse(plain).includesSecrets).toBe(false);
    expect(plain).not.toContain("session-hash"); // sessions are never exported

    await importInstallation(other.db, parseExportText(plain), { replace: true });
    const ana = await other.db.user.findUniqueOrThrow({ where: { email: "ana@example.com" }, include: { recoveryCodes: true } });
    expect(ana).toMatchObject({
      name: "Ana",
      role: "admin",
      backupEmail: "ana@home.example",
      passwordHash: DUMMY_PASSWORD_HASH,
      mfaSecret: null,
      mfaEnrolledAt: null,
    });
    expect(ana.recoveryCodes).toEqual([]);
    expect(
      await other.db.subscriber.findUniqueOrThrow({ where: { channel_target: { channel: "webhook", target: "https://hooks.example.com/vigil" } } }),
    ).toMatchObject({ secret: null });
    expect(await other.db.apiKey.count()).toBe(0);
    expect((await other.db.pageSetting.findUniqueOrThrow({ where: { id: 1 } })).signingSecret).toBeNull();
    // The imported subscribers keep their confirmed state and filters.
    const reader = await other.db.subscriber.findUniqueOrThrow({
      where: { channel_target: { channel: "email", target: "reader@example.com" } },
      include: { components: true },
    });
    expect(reader.confirmedAt).toEqual(new Date("2026-11-03T00:00:00Z"));
    expect(reader.components).toHaveLength(2);

    // npm run admin:password is the way back in; the authenticator is set up at the next sign-in.
    const result = await setPasswordFromShell(other.db, { email: "ana@example.com", password: "a long and quiet harbour at dusk" });
    expect(result).toMatchObject({ email: "ana@example.com", mfaEnrolled: false });
    const hash = (await other.db.user.findUniqueOrThrow({ where: { email: "ana@example.com" } })).passwordHash;
    expect(await verifyPassword("a long and quiet harbour at dusk", hash)).toBe(true);
  });

  it("refuses a database that holds anything unless --replace, and --replace swaps it whole", async () => {
    const doc = throughFile(await exportInstallation(db, { includeSecrets: true }));
    const before = await countContent(other.db);
    expect(before.components).toBe(14);
    await expect(importInstallation(other.db, doc, { replace: false })).rejects.toThrow(ImportRefusedError);
    await expect(importInstallation(other.db, doc, { replace: false })).rejects.toThrow(
      /The database is not empty \(page settings: 1, .*components: 14.*\)\. .*pass --replace/,
    );
    expect(await countContent(other.db)).toEqual(before);

    const oldRevision = (await other.db.pageSetting.findUniqueOrThrow({ where: { id: 1 } })).revision;
    await importInstallation(other.db, doc, { replace: true });
    expect(withoutTime(await exportInstallation(other.db, { includeSecrets: true }))).toEqual(withoutTime(doc));
    // Running instances see the revision move on and drop their cached page.
    expect((await other.db.pageSetting.findUniqueOrThrow({ where: { id: 1 } })).revision).toBe(oldRevision + 1);
  });

  it("npm run import names the first bad field of a bad document and writes nothing", async () => {
    const doc = JSON.parse(serializeExport(await exportInstallation(db, { includeSecrets: false })));
    doc.incidents[3].updates[0].status = "fixed";
    const file = path.join(scratch, "bad.json");
    writeFileSync(file, JSON.stringify(doc));
    const before = await countContent(other.db);

    const run = spawnSync(process.execPath, ["--import", "tsx", "scripts/ops/import.ts", file, "--replace"], {
      env: { ...process.env, DATABASE_URL: other.url, LOG_LEVEL: "silent" },
      encoding: "utf8",
    });

    expect(run.status).toBe(1);
    expect(run.stderr.trim()).toMatch(
      /^import: Not a valid Vigil export: incidents\[3\]\.updates\[0\]\.status: Invalid option: expected one of "investigating"\|/,
    );
    expect(run.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(await countContent(other.db)).toEqual(before);
  });

  it.runIf(provider === "postgres" || movesToPostgres)("a write PostgreSQL refuses midway rolls the whole import back, --replace's deletions too", async () => {
    const target = provider === "postgres" ? db : other.db;
    const doc = throughFile(await exportInstallation(target, { includeSecrets: true }));
    const before = await countContent(target);
    // Valid JSON and a valid document, but PostgreSQL text cannot hold NUL: the last table fails.
    doc.auditEvents[0]!.after = "\u0000";
    await expect(importInstallation(target, doc, { replace: true })).rejects.toThrow(/0x00/);
    expect(await countContent(target)).toEqual(before);
  });
});
