// What a process must finish before it exits on SIGTERM: background loops register a stop
// here, and the entry point (server/http-server.ts) runs them all after it stops accepting
// requests. On globalThis: Next's bundle (the probe worker, the outbox) and the server's own
// modules are separate copies of this file in one process.

import { log } from "../log";

type Stopper = () => Promise<void>;
const globalForShutdown = globalThis as unknown as { vigilStoppers?: Map<string, Stopper> };

function stoppers(): Map<string, Stopper> {
  globalForShutdown.vigilStoppers ??= new Map();
  return globalForShutdown.vigilStoppers;
}

/** Registers (or replaces) what `name` needs to stop cleanly. */
export function onShutdown(name: string, stop: Stopper): void {
  stoppers().set(name, stop);
}

/** Runs every registered stop at once; resolves when all are done or `deadlineMs` has passed. Names what did not finish. */
export async function shutdownAll(deadlineMs: number): Promise<string[]> {
  const pending = new Set(stoppers().keys());
  const all = Promise.all(
    [...stoppers()].map(async ([name, stop]) => {
      try {
        await stop();
      } catch (error) {
        log.warn({ err: error, loop: name }, "did not stop cleanly");
      }
      pending.delete(name);
    }),
  );
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([all, new Promise((resolve) => (timer = setTimeout(resolve, deadlineMs)))]);
  clearTimeout(timer);
  return [...pending];
}
