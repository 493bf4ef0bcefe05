import { closeSync, fsyncSync, linkSync, mkdirSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeSync } from "node:fs";
import path from "node:path";
import { decodeSecretKey } from "../env";
import { SecretKeyError } from "./sealed";

// The key file: where the keys live when VIGIL_SECRET_KEY is unset. One key per line
// (base64url), the first encrypts, any further ones only decrypt (during a rotation);
// `#` lines are comments. Readable by its owner only, like an SSH key.

const HEADER = [
  "# Vigil's secret key: it encrypts the secrets Vigil keeps in its database (TOTP, webhook and",
  "# signing secrets, probe credentials). Back it up with the database: a restored database needs",
  "# it. Keep it private. The first key encrypts; further keys only decrypt, during a rotation",
  "# (`npm run secrets:rotate`).",
];

export function formatKeyFile(keys: readonly Buffer[]): string {
  return `${[...HEADER, ...keys.map((k) => k.toString("base64url"))].join("\n")}\n`;
}

/** The keys in a key file's text, current first. Never echoes a line: it may be a key. */
export function parseKeyFile(text: string, file: string): Buffer[] {
  const keys: Buffer[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    const t = line.trim();
    if (t === "" || t.startsWith("#")) return;
    const key = decodeSecretKey(t);
    if (!key) throw new SecretKeyError(`${file}, line ${i + 1}: not a 32-byte key in base64 or hex`);
    keys.push(key);
  });
  if (keys.length === 0) throw new SecretKeyError(`${file} holds no key`);
  return keys;
}

/** Changes whenever the file is replaced or rewritten. */
export function fileStamp(file: string): string | null {
  try {
    const s = statSync(file);
    return `${s.ino}:${s.size}:${s.mtimeMs}`;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
}

/** The file's keys, or null when it does not exist; refuses a file other users can read. */
export function readKeyFile(file: string): Buffer[] | null {
  let stat: ReturnType<typeof statSync>;
  try {
    stat = statSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
  // Windows has no such mode bits.
  if (process.platform !== "win32" && (stat.mode & 0o077) !== 0) {
    throw new SecretKeyError(
      `${file} can be read or written by other users (mode ${(stat.mode & 0o777).toString(8)}): run \`chmod 600 ${file}\`, then start again`,
    );
  }
  return parseKeyFile(readFileSync(file, "utf8"), file);
}

function writeDurably(file: string, text: string): void {
  const fd = openSync(file, "wx", 0o600);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function syncDirectory(dir: string): void {
  if (process.platform === "win32") return;
  const fd = openSync(dir, "r");
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

const tempName = (file: string) => `${file}.${process.pid}.${Date.now()}.tmp`;

/**
 * Creates the file with these keys unless it exists (two processes starting at once: the
 * first wins and both use its key). Written in full before it appears, so nobody reads half
 * a key. Returns whether this call created it.
 */
export function createKeyFile(file: string, keys: readonly Buffer[]): boolean {
  mkdirSync(path.dirname(file), { recursive: true });
  const temp = tempName(file);
  writeDurably(temp, formatKeyFile(keys));
  try {
    linkSync(temp, file);
    syncDirectory(path.dirname(file));
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw error;
  } finally {
    unlinkSync(temp);
  }
}

/** Replaces the file atomically: a crash leaves the old file or the new one, never a torn one. */
export function replaceKeyFile(file: string, keys: readonly Buffer[]): void {
  const temp = tempName(file);
  writeDurably(temp, formatKeyFile(keys));
  renameSync(temp, file);
  syncDirectory(path.dirname(file));
}
