import { chmodSync, mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createKeyFile, fileStamp, formatKeyFile, parseKeyFile, readKeyFile, replaceKeyFile } from "./key-file";

const K1 = Buffer.alloc(32, 1);
const K2 = Buffer.alloc(32, 2);
const dir = () => mkdtempSync(path.join(tmpdir(), "vigil-key-"));

describe("parseKeyFile", () => {
  it("reads what formatKeyFile writes, current key first, skipping comments", () => {
    expect(parseKeyFile(formatKeyFile([K2, K1]), "f")).toEqual([K2, K1]);
    expect(formatKeyFile([K1])).toMatch(/^# Vigil's secret key/);
  });

  it.each([
    ["base64 with padding", `${K1.toString("base64")}\n`],
    ["hex", `${K1.toString("hex")}\n`],
    ["Windows line ends and blank lines", `# c\r\n\r\n${K1.toString("base64url")}\r\n`],
  ])("accepts %s", (_, text) => {
    expect(parseKeyFile(text, "f")).toEqual([K1]);
  });

  it.each([
    ["no key", "# only a comment\n", /f holds no key/],
    ["a short key", "c2hvcnQ=\n", /f, line 1: not a 32-byte key/],
    ["a bad second line", `${K1.toString("base64url")}\nnot-a-key\n`, /f, line 2: not a 32-byte key/],
  ])("refuses %s without echoing it", (_, text, message) => {
    expect(() => parseKeyFile(text, "f")).toThrow(message);
    expect(() => parseKeyFile(text, "f")).not.toThrow(/not-a-key|c2hvcnQ/);
  });
});

describe("the key file on disk", () => {
  it("is created once with mode 0600; a second creator keeps the first key", () => {
    const file = path.join(dir(), "nested", "secret.key");
    expect(readKeyFile(file)).toBeNull();
    expect(createKeyFile(file, [K1])).toBe(true);
    expect(createKeyFile(file, [K2])).toBe(false);
    expect(readKeyFile(file)).toEqual([K1]);
    if (process.platform !== "win32") expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it("refuses a file other users can read", () => {
    if (process.platform === "win32") return;
    const file = path.join(dir(), "secret.key");
    writeFileSync(file, formatKeyFile([K1]), { mode: 0o644 });
    chmodSync(file, 0o644);
    expect(() => readKeyFile(file)).toThrow(/can be read or written by other users \(mode 644\): run `chmod 600/);
  });

  it("is replaced atomically, and its stamp changes", () => {
    const file = path.join(dir(), "secret.key");
    createKeyFile(file, [K1]);
    const before = fileStamp(file);
    replaceKeyFile(file, [K2, K1]);
    expect(readKeyFile(file)).toEqual([K2, K1]);
    expect(fileStamp(file)).not.toBe(before);
    expect(readFileSync(file, "utf8")).not.toContain(".tmp");
    if (process.platform !== "win32") expect(statSync(file).mode & 0o777).toBe(0o600);
  });
});
