import { readdirSync, readFileSync } from "node:fs";

/** The newest message the e2e SMTP server (scripts/test/e2e.ts) received for `to`, already decoded. */
export function lastMailTo(to: string): string | null {
  const file = readdirSync("data/e2e-mail")
    .filter((f) => f.endsWith(`-${to}.eml`))
    .sort()
    .at(-1);
  return file ? readFileSync(`data/e2e-mail/${file}`, "utf8") : null;
}
