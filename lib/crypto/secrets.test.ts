import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createKeyFile, replaceKeyFile } from "./key-file";
import { keyId, sealedKeyId } from "./sealed";
import { createKey, hasKey, keyFileFor, keyring, openSecret, sealSecret, setKeySource } from "./secrets";

const K1 = Buffer.alloc(32, 1);
const K2 = Buffer.alloc(32, 2);
const tempFile = () => path.join(mkdtempSync(path.join(tmpdir(), "vigil-secrets-")), "secret.key");

afterEach(() => setKeySource(undefined));

describe("the key file's place", () => {
  it.each([
    ["file:./data/vigil.db", path.resolve("data/secret.key")],
    ["file:/srv/vigil/status.db", "/srv/vigil/secret.key"],
    ["postgres://u:p@db.internal:5432/vigil", path.resolve("data/secret.key")],
  ])("for %s is %s", (url, expected) => {
    expect(keyFileFor(url)).toBe(expected);
  });
});

describe("the process's keyring from a key file", () => {
  it("needs the file: a clear message until the start pass creates it", () => {
    const file = tempFile();
    setKeySource({ kind: "file", path: file });
    expect(hasKey()).toBe(false);
    expect(() => sealSecret("p", "x")).toThrow(`no secret key: ${file} does not exist`);
    expect(openSecret("p", "plain values need no key")).toBe("plain values need no key");
    expect(createKey()).toBe(true);
    expect(openSecret("p", sealSecret("p", "x"))).toBe("x");
  });

  it("picks up a rotation another process wrote: new values use the new key, and values under it open", () => {
    const file = tempFile();
    createKeyFile(file, [K1]);
    setKeySource({ kind: "file", path: file });
    const before = sealSecret("p", "old");
    expect(sealedKeyId(before)).toBe(keyId(K1));

    replaceKeyFile(file, [K2, K1]); // step 1 of a rotation, by `npm run secrets:rotate`
    const during = sealSecret("p", "new");
    expect(sealedKeyId(during)).toBe(keyId(K2));
    expect(openSecret("p", before)).toBe("old");

    replaceKeyFile(file, [K2]); // the rotation is done
    expect(openSecret("p", during)).toBe("new");
    // The old key stays in memory until the next write looks at the file again.
    expect(keyring().byId.has(keyId(K1))).toBe(true);
    sealSecret("p", "later");
    expect([...keyring().byId.keys()]).toEqual([keyId(K2)]);
  });
});

describe("the process's keyring from VIGIL_SECRET_KEY", () => {
  it("seals with the current key and opens with previous ones", () => {
    setKeySource({ kind: "env", current: K1, previous: [] });
    const old = sealSecret("p", "secret");
    setKeySource({ kind: "env", current: K2, previous: [K1] });
    expect(openSecret("p", old)).toBe("secret");
    expect(sealedKeyId(sealSecret("p", "secret"))).toBe(keyId(K2));
    expect(hasKey()).toBe(true);
    expect(createKey()).toBe(false);
  });
});
