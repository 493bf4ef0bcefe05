// `npm run admin:create -- --email a@b.c --name "Ana" [--password …]`: creates an admin.
// Prompts for anything not given (the password without echo is up to your terminal:
// prefer the prompt over --password, which lands in shell history).
import { createInterface } from "node:readline/promises";
import { parseArgs } from "node:util";
import { ZodError } from "zod";
import { SYSTEM_ACTOR } from "../lib/audit/record";
import { createUser } from "../lib/auth/users";
import { db } from "../lib/db";
import { env } from "../lib/env";
import { ServiceError } from "../lib/errors";
import { applyMigrations } from "../lib/migrations/migrate";

const { values } = parseArgs({ options: { email: { type: "string" }, name: { type: "string" }, password: { type: "string" } } });
const rl = createInterface({ input: process.stdin, output: process.stdout });
const email = values.email ?? (await rl.question("Email: "));
const name = values.name ?? (await rl.question("Name: "));
const password = values.password ?? (await rl.question("Password (12+ characters): "));
rl.close();

await applyMigrations(env().DATABASE_URL);
try {
  const user = await createUser(db(), { ...SYSTEM_ACTOR, email: "admin:create" }, { email, name, password, role: "admin" });
  console.log(`Created admin ${user.email}. Sign in at /login; you will set up your authenticator app first.`);
} catch (error) {
  if (error instanceof ZodError) {
    for (const issue of error.issues) console.error(`${issue.path.join(".")}: ${issue.message}`);
    process.exitCode = 1;
  } else if (error instanceof ServiceError) {
    console.error(error.message);
    process.exitCode = 1;
  } else throw error;
} finally {
  await db().$disconnect();
}
