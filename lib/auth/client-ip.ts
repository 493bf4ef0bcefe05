import { isIP } from "node:net";

/** The request header Vigil's server sets to the client address (never trusted from clients). */
export const CLIENT_IP_HEADER = "x-vigil-client-ip";

export interface AddressSources {
  /** The TCP peer: the client itself, or the nearest proxy. */
  socketAddress: string | undefined;
  /** The X-Forwarded-For header as received (several headers joined with ", "). */
  forwardedFor: string | null;
  /** How many reverse proxies in front of Vigil append to X-Forwarded-For; 0 trusts none. */
  trustedHops: number;
}

/**
 * The client address lock-outs and the audit log use. Each trusted proxy appends the
 * address it saw to X-Forwarded-For, so the client is the entry `trustedHops` from the
 * right; everything to its left was written by the client and proves nothing (taking the
 * leftmost, as Vigil once did, let anyone pick their address). With fewer entries than
 * hops, the leftmost is the farthest address known. Same rule as Express's `trust proxy = N`.
 */
export function clientAddress({ socketAddress, forwardedFor, trustedHops }: AddressSources): string {
  const socket = socketAddress || "unknown";
  if (trustedHops <= 0 || !forwardedFor) return socket;
  const chain = [
    socket,
    ...forwardedFor
      .split(",")
      .map((a) => a.trim())
      .filter(Boolean)
      .reverse(),
  ];
  const candidate = chain[Math.min(trustedHops, chain.length - 1)]!;
  return isIP(candidate) ? candidate : socket;
}
