import { isSealed } from "../crypto/sealed";
import { openSecret, sealSecret } from "../crypto/secrets";
import type { CheckConfig } from "./checks/config";

// Probe credentials at rest. In an HTTP check's stored JSON, every header value, the body
// and a URL that carries a user, password or query string (what the audit log hides too)
// are encrypted (lib/crypto/); the rest stays readable. The worker and the console read
// configs through parseProbeRow (stored.ts), which opens them.

const urlPurpose = "Probe.config.url";
const bodyPurpose = "Probe.config.body";
const headerPurpose = (name: string) => `Probe.config.headers.${name.toLowerCase()}`;

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
 * new object; anything that is not an HTTP check is returned as it is.
 */
function mapSecrets(config: unknown, change: (purpose: string, value: string) => string): unknown {
  if (!isObject(config) || config.kind !== "http") return config;
  const next: Record<string, unknown> = { ...config };
  if (typeof next.url === "string" && (isSealed(next.url) || urlHasSecrets(next.url))) next.url = change(urlPurpose, next.url);
  if (typeof next.body === "string") next.body = change(bodyPurpose, next.body);
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
