import type { Path, SourceIssue } from "./source";

// ${env:NAME} and ${stored} in a status-as-code file. ${env:NAME} is replaced by the
// variable's value anywhere in a string (a CI job's secrets reach the file this way);
// ${stored} keeps a probe's secret as Vigil stores it, which is what `vigil export` writes
// in place of every secret, so a file in git never holds one. $${ is a literal ${.

/** What ${stored} becomes until resolve.ts puts the stored value in its place. */
export const STORED = "${stored}";
/** How a file names an environment variable. */
export const envReference = (name: string) => `$\{env:${name}}`;

export class StoredSecret {
  toString() {
    return STORED;
  }
}

const REFERENCE = /\$\$\{|\$\{env:([A-Za-z_][A-Za-z0-9_]*)\}|\$\{env:[^}]*\}/g;

const isSecretPlace = (path: Path) => path[0] === "probes" && typeof path[1] === "number" && path[2] === "check";

export function substituteReferences(
  value: unknown,
  environment: Record<string, string | undefined>,
  path: Path = [],
): { value: unknown; issues: SourceIssue[] } {
  const issues: SourceIssue[] = [];
  const walk = (v: unknown, at: Path): unknown => {
    if (typeof v === "string") {
      if (v === STORED) {
        if (isSecretPlace(at)) return new StoredSecret();
        issues.push({ path: at, message: `${STORED} keeps a probe check's stored secret; it has no meaning here` });
        return v;
      }
      return v.replace(REFERENCE, (match, name: string | undefined) => {
        if (match === "$${") return "${";
        if (name === undefined) {
          issues.push({ path: at, message: `${match} is not a variable reference: write ${envReference("NAME")} with letters, digits and _` });
          return match;
        }
        const found = environment[name];
        if (found === undefined) issues.push({ path: at, message: `${envReference(name)} is not set in the environment` });
        return found ?? "";
      });
    }
    if (Array.isArray(v)) return v.map((item, i) => walk(item, [...at, i]));
    if (typeof v === "object" && v !== null && !(v instanceof StoredSecret)) {
      return Object.fromEntries(Object.entries(v).map(([k, item]) => [k, walk(item, [...at, k])]));
    }
    return v;
  };
  return { value: walk(value, path), issues };
}

/**
 * `raw` with each ${stored} replaced by the value at the same place in `saved` (a probe's
 * stored check); an issue where nothing is stored there.
 */
export function fillStoredSecrets(raw: unknown, saved: unknown, path: Path): { value: unknown; issues: SourceIssue[] } {
  const issues: SourceIssue[] = [];
  const walk = (v: unknown, s: unknown, at: Path): unknown => {
    if (v instanceof StoredSecret) {
      if (typeof s === "string") return s;
      issues.push({ path: at, message: `${STORED} keeps the stored secret, but this probe has none stored here: write the value or ${envReference("NAME")}` });
      return "";
    }
    const child = (k: string | number) => (typeof s === "object" && s !== null ? (s as Record<string | number, unknown>)[k] : undefined);
    if (Array.isArray(v)) return v.map((item, i) => walk(item, child(i), [...at, i]));
    if (typeof v === "object" && v !== null) return Object.fromEntries(Object.entries(v).map(([k, item]) => [k, walk(item, child(k), [...at, k])]));
    return v;
  };
  return { value: walk(raw, saved, path), issues };
}
