// `npm run admin:password -- --email ana@example.com [--password …]`: sets an existing
// account's password and signs it out everywhere. For accounts imported without secrets and
// admins locked out. Prompts for the password when not given (prefer the prompt: --password
// lands in shell history).
import { createInterface } from "node:readline/promises";
import { env } from "../../lib/env";
import { applyMigrations } from "../../lib/migrations/migrate";
import { setPasswordFromShell } from "../../lib/ops/set-password";
import { cliArgs, runCli, withDb } from "./cli";

const { values } = cliArgs("npm run admin:password -- --email ADDRESS [--password PASSWORD]", {
  options: { email: { type: "string" }, password: { type: "string" } },
});

const rl = createInterface({ input: process.stdin, output: process.stdout });
const email = values.email ?? (await rl.question("Email: "));
const password = values.password ?? (await rl.question("New password (12+ characters): "));
rl.close();

await runCli("admin:password", async () => {
  const url = env().DATABASE_URL;
  await applyMigrations(url);
  const result = await withDb(url, (db) => setPasswordFromShell(db, { email, password }));
  const mfa = result.mfaEnrolled ? "" : " They set up their authenticator app at their next sign-in.";
  console.log(`Set the password of ${result.email} and ended ${result.sessionsEnded} session(s).${mfa}`);
});
