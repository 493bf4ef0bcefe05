import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from "node:crypto";

// Secrets at rest: AES-256-GCM under a keyring. A stored value names its key, so rotation
// can tell old from new, and binds its purpose (the column) as additional authenticated
// data, so a ciphertext copied into another column does not decrypt:
//
//   enc:v1:<key id>:<iv, 12 bytes>:<ciphertext + 16-byte tag>      (base64url parts)
//
// A value without the `enc:` prefix is plain text written before encryption existed; it is
// returned as it is (the start pass seals such values, lib/secrets/).

export const SEALED_PREFIX = "enc:v1:";
const IV_BYTES = 12;
const TAG_BYTES = 16;

export interface Key {
  /** Derived from the key itself: the same key has the same id on every machine. */
  id: string;
  /** The AES key, derived from the master key (never the master key itself). */
  aes: Buffer;
  /** The master key as configured, to write it back to a key file. */
  master: Buffer;
}

export interface Keyring {
  /** What new values are sealed with. */
  current: Key;
  /** Every key that may open a value: the current one and previous ones during a rotation. */
  byId: ReadonlyMap<string, Key>;
}

/** A problem with the keys or a sealed value: the message says what to do, and never holds a secret. */
export class SecretKeyError extends Error {
  override name = "SecretKeyError";
}

export function keyId(master: Buffer): string {
  return createHash("sha256").update("vigil key id\0").update(master).digest("base64url").slice(0, 8);
}

export function makeKey(master: Buffer): Key {
  if (master.length !== 32) throw new SecretKeyError(`a secret key is 32 bytes, got ${master.length}`);
  const aes = Buffer.from(hkdfSync("sha256", master, Buffer.alloc(0), "vigil aes-256-gcm v1", 32));
  return { id: keyId(master), aes, master };
}

export function makeKeyring(current: Buffer, previous: readonly Buffer[] = []): Keyring {
  const keys = [current, ...previous].map(makeKey);
  return { current: keys[0]!, byId: new Map(keys.map((k) => [k.id, k])) };
}

export function generateMasterKey(): Buffer {
  return randomBytes(32);
}

export function isSealed(value: string): boolean {
  return value.startsWith("enc:");
}

/** The id of the key a sealed value names, or null for plain text. */
export function sealedKeyId(value: string): string | null {
  if (!value.startsWith(SEALED_PREFIX)) return null;
  return value.slice(SEALED_PREFIX.length).split(":", 1)[0] ?? null;
}

const aad = (purpose: string) => Buffer.from(`vigil:v1:${purpose}`);

export function seal(ring: Keyring, purpose: string, plain: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", ring.current.aes, iv, { authTagLength: TAG_BYTES }).setAAD(aad(purpose));
  const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final(), cipher.getAuthTag()]);
  return `${SEALED_PREFIX}${ring.current.id}:${iv.toString("base64url")}:${body.toString("base64url")}`;
}

/** The plain value; plain text stored before encryption is returned as it is. */
export function open(ring: Keyring, purpose: string, stored: string): string {
  if (!isSealed(stored)) return stored;
  const parts = stored.split(":");
  if (parts.length !== 5 || parts[1] !== "v1") throw new SecretKeyError(`cannot decrypt ${purpose}: not a value this version of Vigil wrote`);
  const [, , id, ivText, bodyText] = parts as [string, string, string, string, string];
  const key = ring.byId.get(id);
  if (!key) {
    throw new SecretKeyError(
      `cannot decrypt ${purpose}: it was encrypted with key ${id}, which is not configured here (keys: ${[...ring.byId.keys()].join(", ")}). ` +
        "Use the same VIGIL_SECRET_KEY (or key file) as the instance that wrote it.",
    );
  }
  const iv = Buffer.from(ivText, "base64url");
  const body = Buffer.from(bodyText, "base64url");
  if (iv.length !== IV_BYTES || body.length < TAG_BYTES) throw new SecretKeyError(`cannot decrypt ${purpose}: the value is truncated`);
  try {
    const decipher = createDecipheriv("aes-256-gcm", key.aes, iv, { authTagLength: TAG_BYTES }).setAAD(aad(purpose));
    decipher.setAuthTag(body.subarray(body.length - TAG_BYTES));
    return Buffer.concat([decipher.update(body.subarray(0, body.length - TAG_BYTES)), decipher.final()]).toString("utf8");
  } catch {
    throw new SecretKeyError(`cannot decrypt ${purpose}: the value was altered or belongs to another column`);
  }
}

/** Plain text, or sealed with a key other than the current one: what the start pass and rotation rewrite. */
export function needsReseal(ring: Keyring, stored: string): boolean {
  return sealedKeyId(stored) !== ring.current.id;
}

/** The value sealed with the current key, or null when it already is. */
export function reseal(ring: Keyring, purpose: string, stored: string): string | null {
  return needsReseal(ring, stored) ? seal(ring, purpose, open(ring, purpose, stored)) : null;
}
