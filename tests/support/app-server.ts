// The real app in a child process, as `npm start` runs it (compile the server, migrate, seed
// the demo when the database is empty, build when .next is missing or stale, serve), on a
// free loopback port: for the tests that need the whole server (the fuzz test, the database
// partition, slow clients). The first one to run may build.
import { type ChildProcess, spawn } from "node:child_process";
import net from "node:net";

export interface RunningApp {
  origin: string;
  /** The server's output so far (the last 200 kB), for a failure report. */
  output(): string;
  alive(): boolean;
  stop(): Promise<void>;
}

const OUTPUT_KEEP = 200_000;

export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function waitForHealth(origin: string, child: ChildProcess, output: () => string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`the app exited (${child.exitCode ?? child.signalCode}) before it was healthy:\n${output().slice(-5000)}`);
    }
    const ok = await fetch(`${origin}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`the app was not healthy within ${timeoutMs / 1000} s:\n${output().slice(-5000)}`);
}

/**
 * Starts the app and resolves once /healthz answers 200 (a first start includes `next build`).
 * `port`: one chosen beforehand (freePort), when the environment must name the app's own URL.
 */
export async function startApp(
  env: Record<string, string>,
  { timeoutMs = 360_000, port: chosen }: { timeoutMs?: number; port?: number } = {},
): Promise<RunningApp> {
  const port = chosen ?? (await freePort());
  const origin = `http://127.0.0.1:${port}`;
  // Its own process group, so stopping it also stops a build it started.
  const child = spawn(process.execPath, ["scripts/launch.mjs", "start"], {
    env: { ...process.env, LOG_FORMAT: "json", ...env, PORT: String(port), HOSTNAME: "127.0.0.1", NEXT_TELEMETRY_DISABLED: "1" },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let text = "";
  const keep = (chunk: Buffer) => {
    text = (text + chunk.toString("utf8")).slice(-OUTPUT_KEEP);
  };
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const alive = () => child.exitCode === null && child.signalCode === null;
  const stop = async () => {
    if (!alive()) return;
    process.kill(-child.pid!, "SIGTERM");
    const killed = await Promise.race([exited.then(() => true), new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 15_000))]);
    if (!killed && alive()) process.kill(-child.pid!, "SIGKILL");
  };
  try {
    await waitForHealth(origin, child, () => text, timeoutMs);
  } catch (error) {
    await stop();
    throw error;
  }
  return { origin, output: () => text, alive, stop };
}
