import path from "node:path";
import { sqliteFilePath } from "../db";
import { databaseProvider, env } from "../env";
import { createKeyFile, fileStamp, readKeyFile, replaceKeyFile } from "./key-file";
import { generateMasterKey, isSealed, type Keyring, makeKeyring, open, SecretKeyError, seal, sealedKeyId } from "./sealed";

// The process's keyring: VIGIL_SECRET_KEY (with VIGIL_PREVIOUS_SECRET_KEYS during a
// rotation), or else the key file next to the data (data/secret.key beside data/vigil.db;
// data/secret.key under the working directory with PostgreSQL). Only the start pass creates
// the file (lib/secrets/start.ts); everything else reads it. The file is checked again before
// each seal and when a value names a key we do not have, so a rotation run by another process
// on this machine is picked up without a restart.

export type KeySource = { kind: "env"; current: Buffer; previous: readonly Buffer[] } | { kind: "file"; path: string };

export function keyFileFor(databaseUrl: string): string {
  const dir =
    databaseProvider(databaseUrl) === "sqlite" ? path.dirname(sqliteFilePath(databaseUrl)) : path.resolve(/*turbopackIgnore: true*/ process.cwd(), "data");
  return path.join(dir, "secret.key");
}

let configured: KeySource | undefined;
let override: KeySource | undefined;
let loaded: { source: KeySource; ring: Keyring; stamp: string | null } | undefined;

export function keySource(): KeySource {
  if (override) return override;
  if (!configured) {
    const e = env();
    configured = e.VIGIL_SECRET_KEY
      ? { kind: "env", current: e.VIGIL_SECRET_KEY, previous: e.VIGIL_PREVIOUS_SECRET_KEYS }
      : { kind: "file", path: keyFileFor(e.DATABASE_URL) };
  }
  return configured;
}

/** Tests, and the rotation script's own checks: use these keys instead of the configured ones (undefined: back to those). */
export function setKeySource(source: KeySource | undefined): void {
  override = source;
  loaded = undefined;
}

/** "VIGIL_SECRET_KEY" or the key file's path, for messages. */
export function describeKeySource(source: KeySource = keySource()): string {
  return source.kind === "env" ? "VIGIL_SECRET_KEY" : source.path;
}

function load(source: KeySource): NonNullable<typeof loaded> {
  if (source.kind === "env") return { source, ring: makeKeyring(source.current, source.previous), stamp: null };
  const stamp = fileStamp(source.path);
  const keys = readKeyFile(source.path);
  if (!keys) {
    throw new SecretKeyError(
      `no secret key: ${source.path} does not exist. Start Vigil with \`npm start\` once (it creates the file), ` +
        "copy the file from the machine that has it, or set VIGIL_SECRET_KEY.",
    );
  }
  return { source, ring: makeKeyring(keys[0]!, keys.slice(1)), stamp };
}

/** The keys; with `fresh`, the key file is read again if it changed since. */
export function keyring(options: { fresh?: boolean } = {}): Keyring {
  const source = keySource();
  if (!loaded || loaded.source !== source) loaded = load(source);
  else if (options.fresh && source.kind === "file" && fileStamp(source.path) !== loaded.stamp) loaded = load(source);
  return loaded.ring;
}

/** Whether a key is configured, or its file exists. */
export function hasKey(): boolean {
  const source = keySource();
  return source.kind === "env" || fileStamp(source.path) !== null;
}

/** Creates the key file with a new key (first start); false when it exists (another process made it first). */
export function createKey(): boolean {
  const source = keySource();
  if (source.kind === "env") return false;
  const created = createKeyFile(source.path, [generateMasterKey()]);
  loaded = undefined;
  return created;
}

/** Rewrites the key file (rotation): the first key encrypts from now on. */
export function writeKeys(keys: readonly Buffer[]): void {
  const source = keySource();
  if (source.kind === "env") throw new SecretKeyError("the keys come from VIGIL_SECRET_KEY: change the environment instead");
  replaceKeyFile(source.path, keys);
  loaded = undefined;
}

export function sealSecret(purpose: string, plain: string): string {
  return seal(keyring({ fresh: true }), purpose, plain);
}

/** The plain value (plain text from before encryption needs no key). */
export function openSecret(purpose: string, stored: string): string {
  if (!isSealed(stored)) return stored;
  const ring = keyring();
  const id = sealedKeyId(stored);
  return open(id !== null && !ring.byId.has(id) ? keyring({ fresh: true }) : ring, purpose, stored);
}

export function openOptionalSecret(purpose: string, stored: string | null): string | null {
  return stored === null ? null : openSecret(purpose, stored);
}

export function sealOptionalSecret(purpose: string, plain: string | null): string | null {
  return plain === null ? null : sealSecret(purpose, plain);
}
