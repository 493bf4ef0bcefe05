// Helpers the benchmarks share: Vigil's processes started as `npm start` starts them, their
// memory (RSS of the whole process tree, from /proc: Linux only), free ports and fresh SQLite files.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdirSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";

export const MB = 1024 * 1024;
export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
export const mb = (bytes: number) => `${Math.round(bytes / MB)} MB`;
/** package.json's scripts: a benchmark runs `npm start`'s command itself, without npm's own process. */
export const scripts = (JSON.parse(readFileSync("package.json", "utf8")) as { scripts: Record<string, string> }).scripts;

/** RSS of a process and all its descendants, in bytes (0 once it is gone). */
export function treeRss(pid: number): number {
  let total = 0;
  try {
    total = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0) * 1024;
    const children = readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(/\s+/).filter(Boolean);
    for (const child of children) total += treeRss(Number(child));
  } catch {
    // the process ended meanwhile
  }
  return total;
}

/** Samples a process tree's RSS until stopped; `peak` since the last reset. */
export function sampler(pid: number, everyMs = 200) {
  let peak = 0;
  const timer = setInterval(() => {
    peak = Math.max(peak, treeRss(pid));
  }, everyMs);
  return {
    get peak() {
      return Math.max(peak, treeRss(pid));
    },
    reset: () => {
      peak = 0;
    },
    stop: () => clearInterval(timer),
  };
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

export function freshDb(DIR: string, name: string): string {
  mkdirSync(DIR, { recursive: true });
  for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(`${DIR}/${name}.db${suffix}`, { force: true });
  return `file:./${DIR}/${name}.db`;
}

/** Starts a command line as npm would run it (through sh, which execs it: the pid is the process's own). */
export function launch(commandLine: string, env: Record<string, string>, label: string): { child: ChildProcess; output: () => string } {
  const child = spawn("sh", ["-c", `exec ${commandLine}`], {
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  child.on("exit", (code, signal) => {
    if (code !== 0 && signal === null) console.error(`${label} exited with ${code}:\n${output}`);
  });
  return { child, output: () => output };
}

export async function waitForOutput(output: () => string, text: string, timeoutMs: number, label: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!output().includes(text)) {
    if (Date.now() > deadline) throw new Error(`${label} did not print "${text}" within ${timeoutMs / 1000} s:\n${output()}`);
    await sleep(250);
  }
}

export async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  await Promise.race([exited, sleep(15_000)]);
  if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
}
