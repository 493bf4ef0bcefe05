import { readdirSync, readFileSync } from "node:fs";

/** The newest message the e2e SMTP server received for `to`, quoted-printable decoded. */
export function lastMailTo(to: string): string | null {
  const files = readdirSync("data/e2e-mail").filter((f) => f.endsWith(`-${to}.eml`)).sort();
  const file = files.at(-1);
  if (!file) return null;
  return readFileSync(`data/e2e-mail/${file}`, "utf8")
    .replace(/=\r?\n/g, "")
    .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}
