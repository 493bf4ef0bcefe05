import { isBareLegacyHash, wrapLegacyRecoveryHash } from "../auth/recovery-codes";
import { isSealed, type Keyring, SecretKeyError, seal, sealedKeyId } from "../crypto/sealed";
import { createKey, describeKeySource, hasKey, keyring, keySource } from "../crypto/secrets";
import type { DbOrTx } from "../db";
import { databaseProvider } from "../env";
import { recoveryCodeKey } from "../page/signing";
import { rewriteColumn, SEALED_COLUMNS, visitSecrets } from "./columns";

// The start pass (scripts/start.ts and `npm run db:migrate`, after the migrations): makes
// sure there is a key, that it opens what the database holds, and encrypts what is still
// plain text (rows written before encryption existed). Idempotent and safe on several
// instances at once (compare-and-set writes); nothing to do on every later start. The data
// layer also reads plain values until then, so code that runs before it (npm run dev
// without db:migrate) keeps working.

export const PLAIN = "plain";

/** How many stored secrets each key id encrypts, and how many are still plain text ("plain"). */
export async function secretsByKey(db: DbOrTx): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  await visitSecrets(db, (_, value) => {
    const id = sealedKeyId(value) ?? (isSealed(value) ? "unknown-format" : PLAIN);
    counts.set(id, (counts.get(id) ?? 0) + 1);
  });
  return counts;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/** Refuses key ids the keyring does not have, naming them and what to do. */
export function assertKeysKnown(ring: Keyring, byKey: ReadonlyMap<string, number>, source: string): void {
  const missing = [...byKey].filter(([id]) => id !== PLAIN && !ring.byId.has(id));
  if (missing.length === 0) return;
  const list = missing.map(([id, n]) => `${id} (${plural(n, "value")})`).join(", ");
  throw new SecretKeyError(
    `The database holds secrets encrypted with key ${list}, which ${source} does not have (it has ${[...ring.byId.keys()].join(", ")}). ` +
      "Every instance needs the same key: copy the key file from the instance that wrote them, or set VIGIL_SECRET_KEY to that key " +
      "(during a rotation, the former key goes in VIGIL_PREVIOUS_SECRET_KEYS).",
  );
}

export interface PreparedSecrets {
  /** The key file this start created, if any. */
  createdKeyFile: string | null;
  /** Rows whose secrets were still plain text and are encrypted now. */
  sealedRows: number;
  /** Legacy recovery-code hashes wrapped in the keyed hash now. */
  wrappedRecoveryCodes: number;
}

export async function prepareSecrets(db: DbOrTx): Promise<PreparedSecrets> {
  let createdKeyFile: string | null = null;
  if (!hasKey()) {
    const sealed = [...(await secretsByKey(db))].filter(([id]) => id !== PLAIN).reduce((sum, [, n]) => sum + n, 0);
    if (sealed > 0) {
      throw new SecretKeyError(
        `The database holds ${plural(sealed, "encrypted secret")}, but ${describeKeySource()} does not exist. ` +
          "Restore it from the backup of this database (or set VIGIL_SECRET_KEY to that key): a new key could not decrypt them.",
      );
    }
    if (createKey()) createdKeyFile = describeKeySource();
  }
  const ring = keyring({ fresh: true });
  assertKeysKnown(ring, await secretsByKey(db), describeKeySource());

  let sealedRows = 0;
  for (const column of SEALED_COLUMNS) {
    const result = await rewriteColumn(db, column, (purpose, value) => (isSealed(value) ? value : seal(ring, purpose, value)));
    sealedRows += result.rewritten;
  }
  return { createdKeyFile, sealedRows, wrappedRecoveryCodes: await wrapBareRecoveryHashes(db) };
}

async function wrapBareRecoveryHashes(db: DbOrTx): Promise<number> {
  // Hex digests never start with "h" (the keyed forms' prefix).
  const rows = await db.recoveryCode.findMany({ where: { NOT: { codeHash: { startsWith: "h" } } }, select: { id: true, codeHash: true } });
  const bare = rows.filter((r) => isBareLegacyHash(r.codeHash));
  if (bare.length === 0 || (await db.pageSetting.count()) === 0) return 0;
  const key = await recoveryCodeKey(db);
  let wrapped = 0;
  for (const row of bare) {
    const { count } = await db.recoveryCode.updateMany({
      where: { id: row.id, codeHash: row.codeHash },
      data: { codeHash: wrapLegacyRecoveryHash(key, row.codeHash) },
    });
    wrapped += count;
  }
  return wrapped;
}

/** What `npm start` tells the operator about the pass. */
export function describePreparedSecrets(prepared: PreparedSecrets, postgres: boolean): string[] {
  const lines: string[] = [];
  if (prepared.createdKeyFile) {
    lines.push(
      `created ${prepared.createdKeyFile}: the key that encrypts the secrets in the database. Back it up with the database; without it they cannot be read.`,
    );
    if (postgres && keySource().kind === "file") {
      lines.push("with PostgreSQL and several instances, give every instance the same key: set VIGIL_SECRET_KEY (see README, Security).");
    }
  }
  if (prepared.sealedRows) lines.push(`encrypted the secrets of ${plural(prepared.sealedRows, "row")} that were stored in plain text`);
  if (prepared.wrappedRecoveryCodes) lines.push(`moved ${plural(prepared.wrappedRecoveryCodes, "older recovery code")} to keyed hashes`);
  return lines;
}

/** The start pass for an entry point: its report lines, or the one message to stop with (a key problem). */
export async function prepareSecretsAtStart(db: DbOrTx, databaseUrl: string): Promise<{ ok: true; lines: string[] } | { ok: false; message: string }> {
  try {
    return { ok: true, lines: describePreparedSecrets(await prepareSecrets(db), databaseProvider(databaseUrl) === "postgres") };
  } catch (error) {
    if (error instanceof SecretKeyError) return { ok: false, message: error.message };
    throw error;
  }
}
