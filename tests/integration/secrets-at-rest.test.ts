import { createHash } from "node:crypto";
import { mkdtempSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { StaffContext } from "@/lib/auth/staff";
import { beginEnrolment, confirmEnrolment, verifySecondFactor } from "@/lib/auth/mfa";
import { hashPassword } from "@/lib/auth/password";
import { createSession, loadSession } from "@/lib/auth/sessions";
import { signInWithPassword } from "@/lib/auth/sign-in";
import { totp } from "@/lib/auth/totp";
import { readKeyFile, replaceKeyFile } from "@/lib/crypto/key-file";
import { generateMasterKey, keyId, makeKeyring, seal, SecretKeyError } from "@/lib/crypto/sealed";
import { createKey, keyring, type KeySource, setKeySource } from "@/lib/crypto/secrets";
import type { Db } from "@/lib/db";
import { openIncident } from "@/lib/incidents/staff-verbs";
import { verifyWebhookSignature } from "@/lib/notify/channels/webhook";
import { linkFor, verifyLink } from "@/lib/notify/links";
import { dispatchOnce } from "@/lib/notify/outbox/dispatcher";
import { createSenders } from "@/lib/notify/senders";
import { signingSecret } from "@/lib/page/signing";
import { createProbe } from "@/lib/probes/staff-verbs";
import { runProbeOnce } from "@/lib/probes/worker";
import { readColumn, SEALED_COLUMNS } from "@/lib/secrets/columns";
import { rotateSecrets } from "@/lib/secrets/rotate";
import { PLAIN, prepareSecrets, secretsByKey } from "@/lib/secrets/start";
import { addSubscriberByStaff } from "@/lib/subscribers/staff-verbs";
import { startHttpReceiver } from "../support/http-receiver";
import { createComponent, createPage, resetDb, testDb } from "./db";

// Secrets at rest on the real database: what the rows hold after writes through the verbs,
// that everything still works from them, the start pass over plain rows from before, key
// rotation, and the scrypt upgrade at sign-in.

let db: Db;
let receiver: Awaited<ReturnType<typeof startHttpReceiver>>;
const editor: StaffContext = { role: "editor", actor: { id: "ed", email: "ed@example.com", ip: null }, sessionId: null };
const ctx = { ip: "203.0.113.9", userAgent: "test" };
const now = new Date();
const at = (seconds: number) => new Date(now.getTime() + seconds * 1000);

beforeAll(async () => {
  receiver = await startHttpReceiver();
});
afterAll(async () => receiver.close());

beforeEach(async () => {
  db = await testDb();
  await resetDb(db);
  await createPage(db);
  receiver.received.length = 0;
});
afterEach(() => setKeySource(undefined));

/** A key file of its own in a temporary directory (never the shared data/secret.key, which other runs use). */
function ownKeyFile(): KeySource & { kind: "file" } {
  const source = { kind: "file" as const, path: path.join(mkdtempSync(path.join(tmpdir(), "vigil-keys-")), "secret.key") };
  setKeySource(source);
  return source;
}

/** Every stored value of every encrypted column, raw. */
async function rawSecrets(): Promise<string> {
  const values: string[] = [];
  for (const column of SEALED_COLUMNS) for (const row of await readColumn(db, column)) values.push(row.value);
  const codes = await db.recoveryCode.findMany({ select: { codeHash: true } });
  return [...values, ...codes.map((c) => c.codeHash)].join("\n");
}

/** Writes one of each secret through the verbs, as staff and subscribers would. */
async function writeEverySecret() {
  await db.user.create({ data: { id: "ana", email: "ana@example.com", name: "Ana", role: "admin", passwordHash: "scrypt$unused" } });
  const { token } = await createSession(db, { userId: "ana", ip: null, userAgent: null }, now);
  const totpSecret = await beginEnrolment(db, (await loadSession(db, token, now))!);
  const pendingRaw = (await db.session.findFirstOrThrow({ where: { userId: "ana" } })).pendingMfaSecret!;
  const codes = await confirmEnrolment(db, (await loadSession(db, token, now))!, totp(totpSecret, now.getTime()), ctx, now);

  const hook = await addSubscriberByStaff(db, editor, { channel: "webhook", target: receiver.url("/hook") }, { allowPrivateWebhooks: true });
  const component = await createComponent(db, "api");
  const probe = await createProbe(db, editor, {
    componentId: component.id,
    check: { kind: "http", url: receiver.url("/probe?apikey=q-secret-1"), headers: { Authorization: "Bearer probe-token-1", Cookie: "sid=cookie-2" } },
    schedule: { intervalSeconds: 60 },
  });
  const link = await linkFor(db, "manage", hook.subscriberId, now);
  return { token, totpSecret, pendingRaw, codes, webhookSecret: hook.secret!, subscriberId: hook.subscriberId, probeId: probe.id, link };
}
type Written = Awaited<ReturnType<typeof writeEverySecret>>;

async function deliverAll() {
  const senders = createSenders({ db, mailer: null, from: "Vigil <v@example.com>", allowPrivateWebhooks: true });
  for (let i = 0; i < 10; i++) if ((await dispatchOnce(db, { senders, backoff: () => 0 })).claimed === 0) break;
}

/** Every secret in use, from what the database holds now, with the process's current keys. */
async function expectEverySecretWorks(w: Written, step: number) {
  // TOTP: a fresh sign-in session verifies the authenticator's code.
  const { token } = await createSession(db, { userId: "ana", ip: null, userAgent: null }, at(step * 60));
  const session = (await loadSession(db, token, at(step * 60)))!;
  expect(session.user.mfaSecret).toBe(w.totpSecret);
  await expect(verifySecondFactor(db, session, totp(w.totpSecret, at(step * 60).getTime()), ctx, at(step * 60))).resolves.toEqual({ method: "totp" });
  // A recovery code (HMAC under the page's encrypted key).
  await expect(verifySecondFactor(db, session, w.codes[step]!, ctx, at(step * 60))).resolves.toMatchObject({ method: "recovery_code" });
  // Webhooks are signed with the secret the subscriber was shown.
  receiver.received.length = 0;
  await openIncident(db, editor, { name: `Incident ${step}`, status: "investigating", impact: "minor", body: "x" });
  await deliverAll();
  const hook = receiver.received.find((r) => r.path === "/hook");
  expect(hook).toBeDefined();
  expect(verifyWebhookSignature(w.webhookSecret, String(hook!.headers["x-vigil-signature"]), hook!.body, Math.floor(Date.now() / 1000))).toMatchObject({
    ok: true,
  });
  // Links signed before still verify.
  const tokenOf = new URL(w.link).searchParams.get("token")!;
  expect(verifyLink(await signingSecret(db), "manage", tokenOf, now)).toBe(w.subscriberId);
  // The probe sends its credentials to the target.
  await runProbeOnce(db, w.probeId, { region: "local", now: () => at(step * 60) });
  const probed = receiver.received.find((r) => r.path.startsWith("/probe"))!;
  expect(probed).toMatchObject({ path: "/probe?apikey=q-secret-1", headers: { authorization: "Bearer probe-token-1", cookie: "sid=cookie-2" } });
}

const PLAIN_VALUES = (w: Written) => [
  w.totpSecret,
  w.webhookSecret,
  "probe-token-1",
  "cookie-2",
  "q-secret-1",
  ...w.codes,
  ...w.codes.map((c) => c.replace(/-/g, "")),
];

describe("secrets written through the verbs", () => {
  it("are stored encrypted (or keyed-hashed), and everything still works from them", async () => {
    const w = await writeEverySecret();
    expect(w.pendingRaw).toMatch(/^enc:v1:/);
    expect(w.codes[0]).toMatch(/^[a-z2-7]{4}(-[a-z2-7]{4}){5}$/);
    const raw = await rawSecrets();
    for (const plain of [...PLAIN_VALUES(w), w.totpSecret.toLowerCase(), await signingSecret(db)]) expect(raw).not.toContain(plain);
    expect([...(await secretsByKey(db)).keys()]).toEqual([keyring().current.id]);
    const page = await db.pageSetting.findUniqueOrThrow({ where: { id: 1 } });
    expect(page.signingSecret).toMatch(/^enc:v1:/);
    expect(page.recoveryCodeKey).toMatch(/^enc:v1:/);
    expect((await db.recoveryCode.findMany()).every((c) => /^h1:[\w-]{43}$/.test(c.codeHash))).toBe(true);
    await expectEverySecretWorks(w, 1);
  });

  it("a recovery code is accepted with or without dashes, in any case, once", async () => {
    const w = await writeEverySecret();
    const { token } = await createSession(db, { userId: "ana", ip: null, userAgent: null }, at(60));
    const session = (await loadSession(db, token, at(60)))!;
    const typed = w.codes[3]!.toUpperCase().replace(/-/g, " ");
    await expect(verifySecondFactor(db, session, typed, ctx, at(60))).resolves.toEqual({ method: "recovery_code", remaining: 9 });
    await expect(verifySecondFactor(db, session, w.codes[3]!.replace(/-/g, ""), ctx, at(61))).rejects.toThrow("already used");
  });
});

describe("the start pass", () => {
  it("encrypts rows stored in plain text before, keeps them working, and is idempotent", async () => {
    const legacyTotp = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
    await db.pageSetting.update({ where: { id: 1 }, data: { signingSecret: "legacy-signing-secret" } });
    await db.user.create({
      data: { id: "ana", email: "ana@example.com", name: "Ana", role: "admin", passwordHash: "x", mfaSecret: legacyTotp, mfaEnrolledAt: now },
    });
    await db.recoveryCode.create({ data: { userId: "ana", codeHash: createHash("sha256").update("abcde-fghij").digest("hex") } });
    await db.subscriber.create({ data: { channel: "webhook", target: receiver.url("/hook"), confirmedAt: now, secret: "whsec_legacy" } });
    const component = await createComponent(db, "api");
    const check = { kind: "http", url: receiver.url("/probe"), headers: { Authorization: "Bearer legacy-probe" } };
    const probe = await db.probe.create({
      data: { componentId: component.id, name: "p", kind: "http", config: JSON.stringify(check), schedule: '{"intervalSeconds":60}', thresholds: "{}" },
    });
    const link = await linkFor(db, "unsubscribe", "sub-1", now);

    const first = await prepareSecrets(db);
    expect(first).toMatchObject({ createdKeyFile: null, sealedRows: 4, wrappedRecoveryCodes: 1 });
    const raw = await rawSecrets();
    for (const plain of [legacyTotp, "legacy-signing-secret", "whsec_legacy", "legacy-probe"]) expect(raw).not.toContain(plain);
    expect((await secretsByKey(db)).has(PLAIN)).toBe(false);
    expect((await db.recoveryCode.findFirstOrThrow()).codeHash).toMatch(/^h0:/);
    expect(await prepareSecrets(db)).toMatchObject({ sealedRows: 0, wrappedRecoveryCodes: 0 });

    // Still the same secrets: the authenticator, the legacy recovery code, links, the probe's header.
    const { token } = await createSession(db, { userId: "ana", ip: null, userAgent: null }, now);
    const session = (await loadSession(db, token, now))!;
    await expect(verifySecondFactor(db, session, totp(legacyTotp, now.getTime()), ctx, now)).resolves.toEqual({ method: "totp" });
    await expect(verifySecondFactor(db, session, "ABCDE-FGHIJ", ctx, now)).resolves.toMatchObject({ method: "recovery_code", remaining: 0 });
    expect(verifyLink(await signingSecret(db), "unsubscribe", new URL(link).searchParams.get("token")!, now)).toBe("sub-1");
    await runProbeOnce(db, probe.id, { region: "local", now: () => now });
    expect(receiver.received.find((r) => r.path === "/probe")?.headers.authorization).toBe("Bearer legacy-probe");
  });

  it("creates the key file (mode 0600) at first start, and refuses to make a new key for a database that holds encrypted secrets", async () => {
    const source = ownKeyFile();
    expect((await prepareSecrets(db)).createdKeyFile).toBe(source.path);
    expect(readKeyFile(source.path)).toHaveLength(1);
    if (process.platform !== "win32") expect(statSync(source.path).mode & 0o777).toBe(0o600);
    await signingSecret(db); // encrypted with that key

    const lost = ownKeyFile();
    await expect(prepareSecrets(db)).rejects.toThrow(SecretKeyError);
    await expect(prepareSecrets(db)).rejects.toThrow(`The database holds 1 encrypted secret, but ${lost.path} does not exist. Restore it`);
    expect(readKeyFile(lost.path)).toBeNull();
  });

  it("refuses to start when a value was encrypted with a key this instance does not have", async () => {
    const stranger = makeKeyring(generateMasterKey());
    await db.subscriber.create({
      data: { channel: "webhook", target: receiver.url("/hook"), confirmedAt: now, secret: seal(stranger, "Subscriber.secret", "whsec_x") },
    });
    await expect(prepareSecrets(db)).rejects.toThrow(`encrypted with key ${stranger.current.id} (1 value), which`);
    // Deliveries of it fail (and are retried) with the reason, rather than stopping the dispatcher.
    await openIncident(db, editor, { name: "Down", status: "investigating", impact: "minor", body: "x" });
    await deliverAll();
    const failed = await db.notification.findFirstOrThrow();
    expect(failed.lastError).toContain(`encrypted with key ${stranger.current.id}, which is not configured here`);
  });
});

describe("npm run secrets:rotate", () => {
  it("with a key file: re-encrypts everything under a new key, after which the old key is not needed", async () => {
    const source = ownKeyFile();
    createKey();
    const w = await writeEverySecret();
    const oldKey = readKeyFile(source.path)![0]!;
    const said: string[] = [];

    const result = await rotateSecrets(db, { say: (line) => said.push(line), pauseMs: 0 });
    expect(result).toMatchObject({ kind: "rotated" });
    const keys = readKeyFile(source.path)!;
    expect(keys).toHaveLength(1);
    expect(keyId(keys[0]!)).toBe(result.keyId);
    expect(result.keyId).not.toBe(keyId(oldKey));
    expect([...(await secretsByKey(db)).keys()]).toEqual([result.keyId]);
    expect(said.join("\n")).toMatch(/User\.mfaSecret: re-encrypted 1 of 1 rows/);
    expect(await db.auditEvent.count({ where: { action: "secrets.rotated" } })).toBe(1);

    // Only the new key, nothing else: every secret still works.
    setKeySource({ kind: "env", current: keys[0]!, previous: [] });
    const raw = await rawSecrets();
    for (const plain of PLAIN_VALUES(w)) expect(raw).not.toContain(plain);
    await expectEverySecretWorks(w, 1);
  });

  it("an interrupted rotation (the file still holds both keys) is finished by running it again, without a third key", async () => {
    const source = ownKeyFile();
    createKey();
    const w = await writeEverySecret();
    const [oldKey] = readKeyFile(source.path)!;
    const newKey = generateMasterKey();
    // What step 1 leaves behind when the process is killed before re-encrypting: both keys,
    // the new one first, and the rows still under the old one. A running instance picks the
    // new file up before its next write.
    replaceKeyFile(source.path, [newKey, oldKey!]);
    expect(keyring({ fresh: true }).current.id).toBe(keyId(newKey));

    const said: string[] = [];
    const result = await rotateSecrets(db, { say: (line) => said.push(line), pauseMs: 0 });
    expect(said[0]).toContain("continuing the unfinished rotation");
    expect(result).toMatchObject({ kind: "rotated", keyId: keyId(newKey) });
    expect(readKeyFile(source.path)).toEqual([newKey]);
    await expectEverySecretWorks(w, 2);
  });

  it("keeps the old key when a value cannot be re-encrypted", async () => {
    const source = ownKeyFile();
    createKey();
    await signingSecret(db);
    const stranger = makeKeyring(generateMasterKey());
    await db.subscriber.create({
      data: { channel: "webhook", target: receiver.url("/hook"), confirmedAt: now, secret: seal(stranger, "Subscriber.secret", "whsec_x") },
    });
    await expect(rotateSecrets(db, { say: () => {}, pauseMs: 0 })).rejects.toThrow(`encrypted with key ${stranger.current.id}`);
    expect(readKeyFile(source.path)).toHaveLength(2);
  });

  it("with VIGIL_SECRET_KEY: re-encrypts under it while VIGIL_PREVIOUS_SECRET_KEYS opens the old values, then says the old key can go", async () => {
    const oldKey = generateMasterKey();
    const newKey = generateMasterKey();
    setKeySource({ kind: "env", current: oldKey, previous: [] });
    const w = await writeEverySecret();
    expect(await rotateSecrets(db, { say: () => {}, pauseMs: 0 })).toMatchObject({ kind: "env_nothing_to_do", keyId: keyId(oldKey) });

    setKeySource({ kind: "env", current: newKey, previous: [oldKey] });
    expect(await rotateSecrets(db, { say: () => {}, pauseMs: 0 })).toMatchObject({
      kind: "env_reencrypted",
      keyId: keyId(newKey),
      previousKeysConfigured: true,
    });
    setKeySource({ kind: "env", current: newKey, previous: [] });
    expect([...(await secretsByKey(db)).keys()]).toEqual([keyId(newKey)]);
    await expectEverySecretWorks(w, 3);
  });
});

describe("password hashes", () => {
  it("an old scrypt N=2^15 hash is upgraded to N=2^17 at the next successful sign-in, and still signs in", async () => {
    const password = "a long enough passphrase";
    const old = await hashPassword(password, { N: 2 ** 15, r: 8, p: 1 });
    await db.user.create({ data: { email: "old@example.com", name: "Old", role: "viewer", passwordHash: old } });

    await expect(signInWithPassword(db, { email: "old@example.com", password: "wrong password here" }, ctx, now)).rejects.toThrow("incorrect");
    expect((await db.user.findUniqueOrThrow({ where: { email: "old@example.com" } })).passwordHash).toBe(old);

    await signInWithPassword(db, { email: "old@example.com", password }, ctx, now);
    const upgraded = (await db.user.findUniqueOrThrow({ where: { email: "old@example.com" } })).passwordHash;
    expect(upgraded).toMatch(/^scrypt\$131072\$8\$1\$/);
    await expect(signInWithPassword(db, { email: "old@example.com", password }, ctx, at(1))).resolves.toMatchObject({ needsEnrolment: true });
    expect((await db.user.findUniqueOrThrow({ where: { email: "old@example.com" } })).passwordHash).toBe(upgraded);
  });
});
