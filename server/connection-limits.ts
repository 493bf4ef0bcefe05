// Caps on open connections, checked as each one arrives: the whole server's (server.maxConnections)
// and one client address's, so a single host holding sockets open (slowloris: headers sent a
// byte at a time, each cut at HEADERS_TIMEOUT_MS) cannot take every slot. Behind a trusted
// proxy every socket comes from the proxy, so the per-address cap is off there.
import type { Server, Socket } from "node:net";

/** Whole request headers must arrive within this; Node checks every CHECK_INTERVAL_MS. */
export const HEADERS_TIMEOUT_MS = 10_000;
/** A whole request, body included (a 6 MB subscriber import on a slow link fits). */
export const REQUEST_TIMEOUT_MS = 60_000;
export const CHECK_INTERVAL_MS = 1000;

/** Counts open connections per address; `admit` says whether one more may stay (pure bookkeeping). */
export class PerAddressCounter {
  private readonly open = new Map<string, number>();

  constructor(private readonly limit: number) {}

  admit(address: string): boolean {
    const count = this.open.get(address) ?? 0;
    if (count >= this.limit) return false;
    this.open.set(address, count + 1);
    return true;
  }

  release(address: string): void {
    const count = (this.open.get(address) ?? 1) - 1;
    if (count <= 0) this.open.delete(address);
    else this.open.set(address, count);
  }

  count(address: string): number {
    return this.open.get(address) ?? 0;
  }
}

export function limitConnections(server: Server, { total, perAddress }: { total: number; perAddress: number | null }): void {
  server.maxConnections = total;
  if (perAddress === null) return;
  const counter = new PerAddressCounter(perAddress);
  server.on("connection", (socket: Socket) => {
    const address = socket.remoteAddress ?? "unknown";
    if (!counter.admit(address)) {
      socket.destroy();
      return;
    }
    socket.once("close", () => counter.release(address));
  });
}
