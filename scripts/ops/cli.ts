// What the ops commands (backup, restore, export, import, admin:password) share: argument
// parsing with a usage line, one way to report a refusal, and running PostgreSQL's tools.
import { spawn, spawnSync } from "node:child_process";
import { parseArgs, type ParseArgsConfig } from "node:util";
import { createDb, type Db } from "../../lib/db";
import { EnvError } from "../../lib/env";
import { OpsError } from "../../lib/ops/errors";
import type { ToolInvocation } from "../../lib/ops/postgres-tools";

export function cliArgs<T extends ParseArgsConfig>(usage: string, config: T) {
  try {
    return parseArgs(config);
  } catch (error) {
    console.error(`${(error as Error).message}\nUsage: ${usage}`);
    process.exit(2);
  }
}

/** The one file a command takes, as its only positional argument. */
export function oneFile(usage: string, positionals: string[], what: string): string {
  if (positionals.length === 1) return positionals[0]!;
  console.error(`Name one ${what}.\nUsage: ${usage}`);
  process.exit(2);
}

/** Runs the command; a refusal prints its message alone (no stack trace) and exits 1. */
export async function runCli(name: string, main: () => Promise<void>): Promise<void> {
  try {
    await main();
  } catch (error) {
    if (!(error instanceof OpsError || error instanceof EnvError)) throw error;
    console.error(`${name}: ${error.message}`);
    process.exitCode = 1;
  }
}

/** A client for `url` for the length of `fn` (a PostgreSQL pool left open keeps the process alive). */
export async function withDb<T>(url: string, fn: (db: Db) => Promise<T>): Promise<T> {
  const db = createDb(url);
  try {
    return await fn(db);
  } finally {
    await db.$disconnect();
  }
}

/** Runs pg_dump or pg_restore, or says how to when it is not installed. */
export function runTool(tool: ToolInvocation): Promise<void> {
  if (spawnSync(tool.command, ["--version"], { stdio: "ignore" }).error) {
    return Promise.reject(
      new OpsError(`${tool.command} is not on PATH. Install PostgreSQL's client tools (Debian: apt-get install postgresql-client), or run:\n  ${tool.line}`),
    );
  }
  return new Promise((resolve, reject) => {
    const child = spawn(tool.command, tool.args, { stdio: ["ignore", "inherit", "inherit"], env: { ...process.env, ...tool.env } });
    child.on("error", reject);
    child.on("exit", (code, signal) =>
      code === 0 ? resolve() : reject(new OpsError(`${tool.command} failed (${signal ?? `exit code ${code}`}); its own message is above.`)),
    );
  });
}
