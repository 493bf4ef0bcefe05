// The real app in a child process, as `npm start` runs it (migrate, seed when empty, build
// when the build is missing or stale, serve), on a free loopback port. For tests that need
// the whole server: the fault tests and the fuzz test. The first one to run may build.
import { type ChildProcess, spawn } from "node:child_process";
import net from "node:net";

export interface AppServer {
  url: string;
  /** Everything the process printed so far (stdout and stderr), one entry per line. */
  output(): string[];
  stop(): Promise<void>;
}

/** The command `npm start` runs. */
const START_COMMAND = [process.execPath, "scripts/launch.mjs", "start"];
/** Covers a first `next build` on two busy cores. */
const READY_TIMEOUT_MS = 360_000;

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export async function startApp(env: Record<string, string>): Promise<AppServer> {
  const port = await freePort();
  const lines: string[] = [];
  const child: ChildProcess = spawn(START_COMMAND[0]!, START_COMMAND.slice(1), {
    env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1", LOG_FORMAT: "json", PORT: String(port), HOSTNAME: "127.0.0.1", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  for (const stream of [child.stdout!, child.stderr!]) {
    let rest = "";
    stream.setEncoding("utf8").on("data", (chunk: string) => {
      const parts = (rest + chunk).split("\n");
      rest = parts.pop() ?? "";
      lines.push(...parts);
    });
  }
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    const exit = await Promise.race([exited, new Promise<"waiting">((resolve) => setTimeout(() => resolve("waiting"), 250))]);
    if (exit !== "waiting") throw new Error(`the app exited (${exit}) before it was ready:\n${lines.slice(-40).join("\n")}`);
    const up = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(1000) }).then(
      (r) => r.ok,
      () => false,
    );
    if (up) break;
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`the app was not ready within ${READY_TIMEOUT_MS} ms:\n${lines.slice(-40).join("\n")}`);
    }
  }
  return {
    url,
    output: () => [...lines],
    async stop() {
      if (child.exitCode !== null) return;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
