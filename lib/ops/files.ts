import { chmodSync, closeSync, fsyncSync, mkdirSync, openSync, renameSync, writeSync } from "node:fs";
import path from "node:path";

// Names and modes of the files backups and exports write. Backups and exports hold
// personal data (subscribers' and staff's addresses), and backups every secret, so they
// are readable by their owner alone.

export const PRIVATE_FILE_MODE = 0o600;
const PRIVATE_DIR_MODE = 0o700;

/** `20261205T101500Z`: sorts by time, and has no colon (which some file systems refuse). */
export function utcStamp(now: Date): string {
  return now
    .toISOString()
    .replace(/\.\d{3}Z$/, "Z")
    .replace(/[-:]/g, "");
}

export function defaultBackupFile(kind: "sqlite" | "postgres", now: Date): string {
  return path.join("data", "backups", `vigil-${utcStamp(now)}.${kind === "sqlite" ? "db" : "dump"}`);
}

export function defaultExportFile(now: Date): string {
  return path.join("data", "exports", `vigil-${utcStamp(now)}.json`);
}

/** `1.2 MB`: sizes as a person reads them (powers of 1000, like `ls -h --si`). */
export function humanSize(bytes: number): string {
  const units = ["B", "kB", "MB", "GB", "TB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return unit === 0 ? `${bytes} B` : `${value < 10 ? value.toFixed(1) : Math.round(value)} ${units[unit]}`;
}

export function ensurePrivateDir(file: string): void {
  mkdirSync(path.dirname(path.resolve(file)), { recursive: true, mode: PRIVATE_DIR_MODE });
}

/** Writes `text` to `file` with mode 0600, whole or not at all (a temporary file renamed into place). */
export function writePrivateFile(file: string, text: string): void {
  ensurePrivateDir(file);
  const partial = `${file}.partial`;
  const fd = openSync(partial, "w", PRIVATE_FILE_MODE);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  chmodSync(partial, PRIVATE_FILE_MODE); // the mode given to open applies only to a new file
  renameSync(partial, file);
}

/** A database URL fit to print: the password replaced by `***`. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (!parsed.password) return url;
    parsed.password = "***";
    return parsed.toString();
  } catch {
    return url.replace(/\/\/([^:/@]*):[^@]*@/, "//$1:***@");
  }
}

/** Quotes a word for a POSIX shell when it needs it, for the command lines we print. */
export function shellQuote(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}
