import { isSealed } from "../crypto/sealed";
import { openSecret, sealSecret } from "../crypto/secrets";
import type { CheckConfig } from "./checks/config";

// Probe credentials at rest. In an HTTP check's stored JSON, every header value, the body,
// a URL that carries a user, password or query string (what the audit log hides too), the
// basic password or bearer token and the client certificate's private key are encrypted
// (lib/crypto/); the rest stays readable (the certificate itself is public). The worker and the console read
// configs through parseProbeRow (stored.ts), which opens them.

const urlPurpose = "Probe.config.url";
const bodyPurpose = "Probe.config.body";
const headerPurpose = (name: string) => `Probe.config.headers.${name.toLowerCase()}`;
const passwordPurpose = "Probe.config.auth.password";
const tokenPurpose = "Probe.config.auth.token";
const clientKeyPurpose = "Probe.config.clientCertificate.key";

function urlHasSecrets(url: string): boolean {
  try {
    const u = new URL(url);
    return u.username !== "" || u.password !== "" || u.search !== "";
  } catch {
    return false;
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * The config JSON with `change` applied to each secret field (sealed or still plain), as a
 * new object; a kind without secret fields is returned as it is. A WebSocket URL is
 * sealed like an HTTP one (a token in its query string is common).
 */
function mapSecrets(config: unknown, change: (purpose: string, value: string) => string): unknown {
  if (!isObject(config) || (config.kind !== "http" && config.kind !== "websocket")) return config;
  const next: Record<string, unknown> = { ...config };
  if (typeof next.url === "string" && (isSealed(next.url) || urlHasSecrets(next.url))) next.url = change(urlPurpose, next.url);
  if (config.kind !== "http") return next;
  if (typeof next.body === "string") next.body = change(bodyPurpose, next.body);
  if (isObject(next.auth)) {
    const auth: Record<string, unknown> = { ...next.auth };
    if (typeof auth.password === "string") auth.password = change(passwordPurpose, auth.password);
    if (typeof auth.token === "string") auth.token = change(tokenPurpose, auth.token);
    next.auth = auth;
  }
  if (isObject(next.clientCertificate) && typeof next.clientCertificate.key === "string") {
    next.clientCertificate = { ...next.clientCertificate, key: change(clientKeyPurpose, next.clientCertificate.key) };
  }
  if (isObject(next.headers)) {
    next.headers = Object.fromEntries(
      Object.entries(next.headers).map(([name, value]) => [name, typeof value === "string" ? change(headerPurpose(name), value) : value]),
    );
  }
  return next;
}

/** The JSON to store for a validated check: its secret fields encrypted. */
export function sealCheckConfig(check: CheckConfig): string {
  return JSON.stringify(mapSecrets(check, sealSecret));
}

/** A stored config's JSON with its secrets opened (plain values from before encryption pass through), still to be validated. */
export function openCheckConfig(stored: string): unknown {
  return mapSecrets(JSON.parse(stored), openSecret);
}

/** Rewrites each secret field of a stored config (the start pass, rotation); `change` may return the value as it is. */
export function mapStoredConfigSecrets(stored: string, change: (purpose: string, value: string) => string): string {
  let changed = false;
  const next = mapSecrets(JSON.parse(stored), (purpose, value) => {
    const after = change(purpose, value);
    changed ||= after !== value;
    return after;
  });
  return changed ? JSON.stringify(next) : stored;
}
