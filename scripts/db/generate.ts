// Generates the Prisma client for each provider (run by `npm install` via postinstall).
import { execFileSync } from "node:child_process";
import { PROVIDERS } from "../../lib/migrations/files";

for (const provider of PROVIDERS) {
  execFileSync(process.execPath, ["node_modules/prisma/build/index.js", "generate", "--schema", `prisma/${provider}/schema.prisma`], {
    stdio: ["ignore", "ignore", "inherit"],
    // The CLI insists on a native schema engine at start even though `generate`
    // never uses it, and downloading one fails offline. Any existing file satisfies
    // the check; migrations go through the WebAssembly engine (lib/migrations).
    env: {
      ...process.env,
      PRISMA_SCHEMA_ENGINE_BINARY: process.execPath,
      PRISMA_HIDE_UPDATE_MESSAGE: "1",
      CHECKPOINT_DISABLE: "1",
    },
  });
}
console.log(`Prisma clients generated for ${PROVIDERS.join(" and ")}.`);
