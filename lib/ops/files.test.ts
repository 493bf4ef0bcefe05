import { mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { defaultBackupFile, defaultExportFile, humanSize, redactUrl, shellQuote, utcStamp, writePrivateFile } from "./files";

const NOW = new Date("2026-12-05T10:15:07.123Z");

describe("file names", () => {
  it("stamp the UTC time, sortable and without colons", () => {
    expect(utcStamp(NOW)).toBe("20261205T101507Z");
    expect(defaultBackupFile("sqlite", NOW)).toBe(path.join("data", "backups", "vigil-20261205T101507Z.db"));
    expect(defaultBackupFile("postgres", NOW)).toBe(path.join("data", "backups", "vigil-20261205T101507Z.dump"));
    expect(defaultExportFile(NOW)).toBe(path.join("data", "exports", "vigil-20261205T101507Z.json"));
  });
});

describe("humanSize", () => {
  it.each([
    [0, "0 B"],
    [999, "999 B"],
    [1000, "1.0 kB"],
    [1_234_567, "1.2 MB"],
    [45_600_000, "46 MB"],
    [3_000_000_000_000_000, "3000 TB"],
  ])("%d bytes → %s", (bytes, text) => {
    expect(humanSize(bytes)).toBe(text);
  });
});

describe("redactUrl", () => {
  it.each([
    ["postgres://vigil:s3cret@db.example.com:5432/vigil", "postgres://vigil:***@db.example.com:5432/vigil"],
    ["postgres://vigil:p%40ss@127.0.0.1/vigil?sslmode=require", "postgres://vigil:***@127.0.0.1/vigil?sslmode=require"],
    ["postgres://vigil@127.0.0.1/vigil", "postgres://vigil@127.0.0.1/vigil"],
    ["file:./data/vigil.db", "file:./data/vigil.db"],
  ])("%s → %s", (url, shown) => {
    expect(redactUrl(url)).toBe(shown);
  });
});

describe("shellQuote", () => {
  it.each([
    ["data/backups/vigil-20261205T101507Z.dump", "data/backups/vigil-20261205T101507Z.dump"],
    ["my backup.dump", "'my backup.dump'"],
    ["it's.dump", `'it'\\''s.dump'`],
  ])("%s → %s", (word, quoted) => {
    expect(shellQuote(word)).toBe(quoted);
  });
});

describe("writePrivateFile", () => {
  it("writes mode 0600, also over an existing readable file, and leaves no partial file", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "vigil-ops-"));
    const file = path.join(dir, "nested", "export.json");
    writePrivateFile(file, "first");
    expect(statSync(file).mode & 0o777).toBe(0o600);
    writeFileSync(file, "old", { mode: 0o644 });
    writePrivateFile(file, "second");
    expect(readFileSync(file, "utf8")).toBe("second");
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(() => statSync(`${file}.partial`)).toThrow();
  });
});
