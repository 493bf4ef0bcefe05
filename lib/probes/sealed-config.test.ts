import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isSealed, seal, sealedKeyId } from "../crypto/sealed";
import { keyring, setKeySource } from "../crypto/secrets";
import { CheckConfig } from "./checks/config";
import { mapStoredConfigSecrets, openCheckConfig, sealCheckConfig } from "./sealed-config";
import { parseProbeRow } from "./stored";

const KEY = Buffer.alloc(32, 3);
beforeAll(() => setKeySource({ kind: "env", current: KEY, previous: [] }));
afterAll(() => setKeySource(undefined));

const http = (extra: Record<string, unknown>) => CheckConfig.parse({ kind: "http", url: "https://api.example.com/health", ...extra });
const row = (config: string) => ({ id: "p1", componentId: "c1", name: "API", enabled: true, config, schedule: '{"intervalSeconds":60}', thresholds: "{}" });

describe("probe configs at rest", () => {
  it("encrypt every header value and the body; the rest stays readable", () => {
    const check = http({ method: "POST", headers: { Authorization: "Bearer s3cr3t", "X-Env": "prod" }, body: '{"token":"t0k"}' });
    const stored = sealCheckConfig(check);
    for (const plain of ["s3cr3t", "prod", "t0k"]) expect(stored).not.toContain(plain);
    const json = JSON.parse(stored);
    expect(json).toMatchObject({ kind: "http", method: "POST", url: "https://api.example.com/health", timeoutMs: 10_000 });
    expect(isSealed(json.headers.Authorization)).toBe(true);
    expect(parseProbeRow(row(stored)).check).toEqual(check);
  });

  it.each([
    ["a user and password", "https://ops:hunter22@api.example.com/health", true],
    ["a query string", "https://api.example.com/health?apikey=abc123", true],
    ["neither", "https://api.example.com/health", false],
  ])("encrypt a URL with %s", (_, url, sealed) => {
    const stored = JSON.parse(sealCheckConfig(http({ url })));
    expect(isSealed(stored.url)).toBe(sealed);
    expect(openCheckConfig(JSON.stringify(stored))).toMatchObject({ url });
  });

  it("encrypt a basic password, a bearer token and a client key; the user name and certificate stay readable", () => {
    const cert = "-----BEGIN CERTIFICATE-----\npublic\n-----END CERTIFICATE-----";
    // Stored JSON is what sealing sees: built by hand here (parsing would check the PEM).
    const basic = { ...http({}), auth: { type: "basic", username: "monitor", password: "pa55word" } } as CheckConfig;
    const stored = sealCheckConfig(basic);
    expect(stored).not.toContain("pa55word");
    expect(JSON.parse(stored).auth.username).toBe("monitor");
    expect(openCheckConfig(stored)).toMatchObject({ auth: { type: "basic", username: "monitor", password: "pa55word" } });
    const bearer = sealCheckConfig({ ...http({}), auth: { type: "bearer", token: "tok-secret" } } as CheckConfig);
    expect(bearer).not.toContain("tok-secret");
    const mtls = sealCheckConfig({ ...http({}), clientCertificate: { cert, key: "PRIVATE-KEY-BYTES" } } as CheckConfig);
    expect(mtls).not.toContain("PRIVATE-KEY-BYTES");
    expect(JSON.parse(mtls).clientCertificate.cert).toBe(cert);
    expect(openCheckConfig(mtls)).toMatchObject({ clientCertificate: { cert, key: "PRIVATE-KEY-BYTES" } });
  });

  it("encrypt a WebSocket URL with a query string", () => {
    const ws = CheckConfig.parse({ kind: "websocket", url: "wss://api.example.com/socket?token=abc" });
    const stored = JSON.parse(sealCheckConfig(ws));
    expect(isSealed(stored.url)).toBe(true);
    expect(openCheckConfig(JSON.stringify(stored))).toMatchObject({ url: "wss://api.example.com/socket?token=abc" });
  });

  it("leave other kinds as they are", () => {
    const tcp = CheckConfig.parse({ kind: "tcp", host: "db.internal", port: 5432 });
    expect(sealCheckConfig(tcp)).toBe(JSON.stringify(tcp));
  });

  it("bind each header's value to its name: values swapped between headers do not open", () => {
    const stored = JSON.parse(sealCheckConfig(http({ headers: { Authorization: "a", Cookie: "c" } })));
    [stored.headers.Authorization, stored.headers.Cookie] = [stored.headers.Cookie, stored.headers.Authorization];
    expect(() => openCheckConfig(JSON.stringify(stored))).toThrow(/cannot decrypt Probe\.config\.headers\.authorization/);
  });

  it("still read a config stored in plain text before encryption", () => {
    const plain = JSON.stringify(http({ headers: { Authorization: "Bearer old" } }));
    expect(parseProbeRow(row(plain)).check).toMatchObject({ headers: { Authorization: "Bearer old" } });
  });

  it("are rewritten field by field, and left byte for byte when nothing changes", () => {
    const plain = JSON.stringify(http({ headers: { Authorization: "Bearer old" } }));
    const ring = keyring();
    const sealed = mapStoredConfigSecrets(plain, (purpose, value) => (isSealed(value) ? value : seal(ring, purpose, value)));
    expect(sealedKeyId(JSON.parse(sealed).headers.Authorization)).toBe(ring.current.id);
    expect(mapStoredConfigSecrets(sealed, (_, value) => value)).toBe(sealed);
    // The start pass and rotation skip such rows (lib/secrets/columns.ts) on this error.
    expect(() => mapStoredConfigSecrets("{not json", (_, v) => v)).toThrow(SyntaxError);
  });
});
