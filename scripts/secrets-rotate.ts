// `npm run secrets:rotate [-- --new-key <32 bytes, base64 or hex>]`: re-encrypts every secret
// stored in the database under a new key (lib/secrets/rotate.ts says how a crash is survived).
// With a key file (data/secret.key) it makes the new key itself, unless --new-key gives one
// (which then lands in your shell history). With VIGIL_SECRET_KEY, it tells you what to set.
// Vigil may keep running meanwhile on this machine; with VIGIL_SECRET_KEY, restart every
// instance with the new settings first.
import { parseArgs } from "node:util";
import { decodeSecretKey, env, EnvError } from "../lib/env";

const { values } = parseArgs({ options: { "new-key": { type: "string" } } });

let config: ReturnType<typeof env>;
try {
  config = env();
} catch (error) {
  if (error instanceof EnvError) {
    console.error(`secrets:rotate: ${error.message}`);
    process.exit(1);
  }
  throw error;
}

let newKey: Buffer | undefined;
if (values["new-key"] !== undefined) {
  const decoded = decodeSecretKey(values["new-key"]);
  if (!decoded) {
    console.error("secrets:rotate: --new-key: expected 32 random bytes as base64 or hex, e.g. from `openssl rand -base64 32`");
    process.exit(2);
  }
  newKey = decoded;
}

const { applyMigrations } = await import("../lib/migrations/migrate");
const { db } = await import("../lib/db");
const { SecretKeyError } = await import("../lib/crypto/sealed");
const { rotateSecrets } = await import("../lib/secrets/rotate");

await applyMigrations(config.DATABASE_URL);
try {
  const result = await rotateSecrets(db(), { ...(newKey ? { newKey } : {}), say: (line) => console.log(line) });
  switch (result.kind) {
    case "rotated":
      console.log(`Done: every secret is encrypted with key ${result.keyId} (rows re-encrypted: ${result.rewritten}); the old key is gone from the key file.`);
      console.log("Backups of the database taken before now need the old key file: keep the copy you made of it with them.");
      break;
    case "env_reencrypted":
      console.log(`Done: every secret is encrypted with VIGIL_SECRET_KEY (key ${result.keyId}; rows re-encrypted: ${result.rewritten}).`);
      if (result.previousKeysConfigured) console.log("VIGIL_PREVIOUS_SECRET_KEYS is no longer needed: remove it from every instance's environment.");
      break;
    case "env_nothing_to_do":
      console.log(`Every secret is already encrypted with VIGIL_SECRET_KEY (key ${result.keyId}). To rotate it:`);
      console.log(`  1. on every instance set VIGIL_SECRET_KEY=${result.suggestedKey} (a new random key) and`);
      console.log("     VIGIL_PREVIOUS_SECRET_KEYS=<the current VIGIL_SECRET_KEY>, and restart;");
      console.log("  2. run npm run secrets:rotate again (it re-encrypts everything under the new key);");
      console.log("  3. remove VIGIL_PREVIOUS_SECRET_KEYS and restart.");
      break;
  }
} catch (error) {
  if (!(error instanceof SecretKeyError)) throw error;
  console.error(`secrets:rotate: ${error.message}`);
  process.exitCode = 1;
} finally {
  await db().$disconnect();
}
