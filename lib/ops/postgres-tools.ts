import { createDb } from "../db";
import { shellQuote } from "./files";

// PostgreSQL backups are PostgreSQL's own tools' job: pg_dump's custom format is
// consistent while Vigil serves (one snapshot) and pg_restore puts it back. This builds
// their command lines; the CLI runs them. The password travels in PGPASSWORD, never on a
// command line another user's `ps` could read.

export interface ToolInvocation {
  command: "pg_dump" | "pg_restore";
  args: string[];
  /** Added to the tool's environment. */
  env: Record<string, string>;
  /** The documented line, to print where the tool is missing (it reads $DATABASE_URL itself). */
  line: string;
}

/** libpq's view of a DATABASE_URL: the URL without its password, and the password apart. */
export function libpqConnection(url: string): { dbname: string; env: Record<string, string> } {
  const parsed = new URL(url);
  const password = decodeURIComponent(parsed.password);
  parsed.password = "";
  return { dbname: parsed.toString(), env: password ? { PGPASSWORD: password } : {} };
}

export function pgDumpInvocation(url: string, file: string): ToolInvocation {
  const { dbname, env } = libpqConnection(url);
  return {
    command: "pg_dump",
    args: ["--format=custom", `--file=${file}`, `--dbname=${dbname}`],
    env,
    line: `pg_dump --format=custom --file=${shellQuote(file)} "$DATABASE_URL"`,
  };
}

/**
 * pg_restore in one transaction (the database ends as the dump was, or as it was), owned
 * by the restoring user rather than whoever owned the dumped tables.
 */
export function pgRestoreInvocation(url: string, file: string): ToolInvocation {
  const { dbname, env } = libpqConnection(url);
  const options = ["--clean", "--if-exists", "--no-owner", "--single-transaction"];
  return {
    command: "pg_restore",
    args: [...options, `--dbname=${dbname}`, file],
    env,
    line: `pg_restore ${options.join(" ")} --dbname="$DATABASE_URL" ${shellQuote(file)}`,
  };
}

/** Other client sessions on the database: a running Vigil holds some. */
export async function otherSessions(url: string): Promise<number> {
  const db = createDb(url);
  try {
    const [row] = await db.$queryRawUnsafe<{ n: number }[]>(
      "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'",
    );
    return row?.n ?? 0;
  } finally {
    await db.$disconnect();
  }
}
