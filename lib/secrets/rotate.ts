import { recordAudit, SYSTEM_ACTOR } from "../audit/record";
import { readKeyFile } from "../crypto/key-file";
import { generateMasterKey, type Keyring, needsReseal, open, SecretKeyError, seal } from "../crypto/sealed";
import { describeKeySource, keyring, keySource, writeKeys } from "../crypto/secrets";
import type { DbOrTx } from "../db";
import { rewriteColumn, SEALED_COLUMNS } from "./columns";
import { assertKeysKnown, PLAIN, secretsByKey } from "./start";

// `npm run secrets:rotate`: every stored secret re-encrypted under a new key.
//
// With a key file, safe against a crash at any point:
//   1. the file is replaced by [new key, old key(s)]: new values use the new key, old ones
//      still open (running instances on this machine notice the file before their next write);
//   2. every column is re-encrypted, one transaction per column, compare-and-set per row,
//      repeated until no value under an old key is left;
//   3. the file is replaced by [new key] alone.
// Killed between 1 and 3, the file still holds the old key: running the command again
// finishes the same rotation (it makes no second new key).
//
// With VIGIL_SECRET_KEY the environment is the operator's: they set the new key, with the
// old one in VIGIL_PREVIOUS_SECRET_KEYS, on every instance; this re-encrypts, then says
// when VIGIL_PREVIOUS_SECRET_KEYS can go.

const PASSES = 3;

export interface RotationOptions {
  /** With a key file: the new key (default: a random one). */
  newKey?: Buffer;
  /** Progress lines for the operator. */
  say: (line: string) => void;
  /** Between passes, so writes that began under the old key can commit (tests: 0). */
  pauseMs?: number;
}

export type RotationResult =
  | { kind: "rotated"; keyId: string; rewritten: number }
  | { kind: "env_reencrypted"; keyId: string; rewritten: number; previousKeysConfigured: boolean }
  | { kind: "env_nothing_to_do"; keyId: string; suggestedKey: string };

/** Re-encrypts every value not under the ring's current key; returns the rows rewritten. */
export async function reencryptAll(db: DbOrTx, ring: Keyring, say: (line: string) => void): Promise<number> {
  let rewritten = 0;
  for (const column of SEALED_COLUMNS) {
    const result = await rewriteColumn(db, column, (purpose, value) => (needsReseal(ring, value) ? seal(ring, purpose, open(ring, purpose, value)) : value));
    if (result.rewritten) say(`  ${result.column}: re-encrypted ${result.rewritten} of ${result.scanned} rows`);
    if (result.unreadable) say(`  ${result.column}: ${result.unreadable} rows are not valid JSON and were left as they are`);
    rewritten += result.rewritten;
  }
  return rewritten;
}

/** Values still under a key other than the current one (plain text included). */
async function staleCount(db: DbOrTx, ring: Keyring): Promise<number> {
  let stale = 0;
  for (const [id, n] of await secretsByKey(db)) if (id === PLAIN || id !== ring.current.id) stale += n;
  return stale;
}

/** Re-encrypts until nothing under an old key is left (a write racing the pass is caught by the next). */
async function reencryptUntilCurrent(db: DbOrTx, options: RotationOptions): Promise<{ ring: Keyring; rewritten: number }> {
  const ring = keyring({ fresh: true });
  assertKeysKnown(ring, await secretsByKey(db), describeKeySource());
  let rewritten = 0;
  for (let pass = 1; pass <= PASSES; pass++) {
    rewritten += await reencryptAll(db, ring, options.say);
    const stale = await staleCount(db, ring);
    if (stale === 0) return { ring, rewritten };
    if (pass < PASSES) await new Promise((resolve) => setTimeout(resolve, options.pauseMs ?? 1000));
    else throw new SecretKeyError(`${stale} secrets are still under an old key after ${PASSES} passes (something keeps writing them): run the command again`);
  }
  throw new Error("unreachable");
}

export async function rotateSecrets(db: DbOrTx, options: RotationOptions): Promise<RotationResult> {
  const source = keySource();
  if (source.kind === "env") {
    if (options.newKey) {
      throw new SecretKeyError(
        "the key comes from VIGIL_SECRET_KEY: put the new key there and the old one in VIGIL_PREVIOUS_SECRET_KEYS, restart, then run this again (without --new-key)",
      );
    }
    const before = keyring();
    const stale = await staleCount(db, before);
    if (stale === 0 && before.byId.size === 1) {
      return { kind: "env_nothing_to_do", keyId: before.current.id, suggestedKey: generateMasterKey().toString("base64") };
    }
    const { ring, rewritten } = await reencryptUntilCurrent(db, options);
    await recordAudit(db, SYSTEM_ACTOR, { action: "secrets.reencrypted", after: { keyId: ring.current.id, rows: rewritten } });
    return { kind: "env_reencrypted", keyId: ring.current.id, rewritten, previousKeysConfigured: ring.byId.size > 1 };
  }

  const keys = readKeyFile(source.path);
  if (!keys) throw new SecretKeyError(`${source.path} does not exist: start Vigil once (npm start) to create it`);
  if (keys.length > 1) {
    if (options.newKey && !options.newKey.equals(keys[0]!)) {
      throw new SecretKeyError(`a rotation is unfinished (${source.path} holds ${keys.length} keys): run the command without --new-key to finish it first`);
    }
    options.say(`continuing the unfinished rotation in ${source.path}`);
  } else {
    if (options.newKey?.equals(keys[0]!)) throw new SecretKeyError("the new key is the current key");
    writeKeys([options.newKey ?? generateMasterKey(), keys[0]!]);
    options.say(`${source.path}: new key added; the old one is kept until every secret is re-encrypted`);
  }
  const { ring, rewritten } = await reencryptUntilCurrent(db, options);
  writeKeys([ring.current.master]);
  await recordAudit(db, SYSTEM_ACTOR, { action: "secrets.rotated", after: { keyId: ring.current.id, rows: rewritten } });
  return { kind: "rotated", keyId: ring.current.id, rewritten };
}
