import { randomBytes, scrypt as scryptCallback, timingSafeEqual } from "node:crypto";
import { createLimiter } from "../async/concurrency";
import { env } from "../env";

// scrypt (memory-hard) with a per-user salt. The parameters are stored with the hash
// (`scrypt$N$r$p$salt$hash`), so they can be raised without breaking existing accounts:
// a hash with weaker ones is replaced at the next successful sign-in (sign-in.ts).

export interface ScryptParams {
  N: number;
  r: number;
  p: number;
}

/** OWASP's current advice for scrypt: 128 MiB and about 0.3–1 s per hash on this class of machine. */
export const PASSWORD_HASH_PARAMS: ScryptParams = { N: 2 ** 17, r: 8, p: 1 };
/** VIGIL_PASSWORD_HASH_COST=test only (refused in production): for test suites that sign in hundreds of times. */
const TEST_PARAMS: ScryptParams = { N: 2 ** 10, r: 8, p: 1 };
const KEY_LENGTH = 32;
export const MIN_PASSWORD_LENGTH = 12;

export function targetHashParams(): ScryptParams {
  return env().VIGIL_PASSWORD_HASH_COST === "test" ? TEST_PARAMS : PASSWORD_HASH_PARAMS;
}

// Each hash holds a libuv thread and 128 MiB for its duration: two at a time leave the
// other threads to DNS lookups and file reads (probes, the page) during a burst of sign-ins.
const hashing = createLimiter(2);

function scrypt(password: string, salt: Buffer, { N, r, p }: ScryptParams): Promise<Buffer> {
  // scrypt needs 128·N·r bytes; maxmem must allow that (Node's default is 32 MiB).
  const maxmem = 2 * 128 * N * r;
  return hashing(
    () =>
      new Promise((resolve, reject) =>
        scryptCallback(password.normalize("NFKC"), salt, KEY_LENGTH, { N, r, p, maxmem }, (err, key) => (err ? reject(err) : resolve(key))),
      ),
  );
}

const isPowerOfTwo = (n: number) => Number.isInteger(n) && n > 1 && (n & (n - 1)) === 0;

/** The stored hash's parts, or null when it is not a hash this code wrote (within sane bounds). */
export function parsePasswordHash(stored: string): { params: ScryptParams; salt: Buffer; hash: Buffer } | null {
  const [scheme, n, rr, pp, salt, hash, ...rest] = stored.split("$");
  if (scheme !== "scrypt" || !salt || !hash || rest.length) return null;
  const params = { N: Number(n), r: Number(rr), p: Number(pp) };
  // Bounds keep a corrupted row from asking for gigabytes.
  if (!isPowerOfTwo(params.N) || params.N > 2 ** 20 || !Number.isInteger(params.r) || params.r < 1 || params.r > 32) return null;
  if (!Number.isInteger(params.p) || params.p < 1 || params.p > 16) return null;
  return { params, salt: Buffer.from(salt, "base64url"), hash: Buffer.from(hash, "base64url") };
}

export async function hashPassword(password: string, params: ScryptParams = targetHashParams()): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, params);
  return `scrypt$${params.N}$${params.r}$${params.p}$${salt.toString("base64url")}$${key.toString("base64url")}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parsePasswordHash(stored);
  if (!parsed) return false;
  const key = await scrypt(password, parsed.salt, parsed.params);
  return key.length === parsed.hash.length && timingSafeEqual(key, parsed.hash);
}

/** Whether a (verified) hash was made with weaker parameters than today's, so should be replaced. */
export function needsRehash(stored: string, target: ScryptParams = targetHashParams()): boolean {
  const parsed = parsePasswordHash(stored);
  if (!parsed) return false;
  const { N, r, p } = parsed.params;
  return N < target.N || r < target.r || p < target.p;
}

const neverMatching = ({ N, r, p }: ScryptParams) => `scrypt$${N}$${r}$${p}$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA`;

/** A hash that never matches (e.g. for an account that has no password). */
export const DUMMY_PASSWORD_HASH = neverMatching(PASSWORD_HASH_PARAMS);

/** A hash that never matches, with today's parameters: the same work when the account does not exist. */
export function dummyPasswordHash(): string {
  return neverMatching(targetHashParams());
}
