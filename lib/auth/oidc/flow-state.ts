import type { DbOrTx } from "../../db";
import { hashToken } from "../sessions";

// A single sign-on in flight. The state parameter is the key: its hash is the row's id, and
// the browser that started the sign-in holds the state itself in a short-lived cookie, so a
// callback link sent to someone else (login CSRF) fails, and each state works once.

export const FLOW_TTL_MS = 10 * 60_000;

export async function saveFlow(db: DbOrTx, flow: { state: string; nonce: string; codeVerifier: string; issuer: string }, now: Date): Promise<void> {
  await db.oidcLoginState.create({
    data: {
      id: hashToken(flow.state),
      issuer: flow.issuer,
      nonce: flow.nonce,
      codeVerifier: flow.codeVerifier,
      createdAt: now,
      expiresAt: new Date(now.getTime() + FLOW_TTL_MS),
    },
  });
}

export type TakenFlow = { ok: true; nonce: string; codeVerifier: string } | { ok: false; reason: "used" | "expired" };

/**
 * Deletes the flow for `state` and returns it, once: a replayed or concurrent callback finds
 * nothing to delete. An expired one is deleted too, and refused.
 */
export async function takeFlow(db: DbOrTx, state: string, issuer: string, now: Date): Promise<TakenFlow> {
  const id = hashToken(state);
  const row = await db.oidcLoginState.findUnique({ where: { id } });
  if (!row) return { ok: false, reason: "used" };
  const deleted = await db.oidcLoginState.deleteMany({ where: { id } });
  if (deleted.count !== 1) return { ok: false, reason: "used" };
  if (row.expiresAt <= now || row.issuer !== issuer) return { ok: false, reason: "expired" };
  return { ok: true, nonce: row.nonce, codeVerifier: row.codeVerifier };
}

/** Flows nobody finished, a day after they expired (until then a late callback is told "expired or used"). */
export async function purgeExpiredFlows(db: DbOrTx, now: Date): Promise<number> {
  const result = await db.oidcLoginState.deleteMany({ where: { expiresAt: { lt: new Date(now.getTime() - 86_400_000) } } });
  return result.count;
}
