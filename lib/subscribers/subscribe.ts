import { randomBytes } from "node:crypto";
import { checkWebhookUrl } from "../net/ssrf";
import { inTransaction, type DbOrTx } from "../db";
import { InvalidInputError, NotFoundError, ServiceError } from "../errors";
import { sealSecret } from "../crypto/secrets";
import { WEBHOOK_SECRET } from "../notify/outbox/dispatcher";
import { enqueueForOne, wakeDispatcher } from "../notify/outbox/enqueue";
import { recipientLabel } from "../notify/recipient";
import { overLimit } from "./rate-limit";
import { signingSecret } from "../page/signing";
import { CONFIRM_HOURS, linkFor, verifyLink } from "../notify/links";
import { SubscribeInput } from "./schemas";
import { checkFormToken } from "./signing";

// Self-serve subscriptions from the public page. Email is double opt-in: the address
// gets a confirmation link and nothing else until it is used; unconfirmed sign-ups
// expire. Every later change goes through a signed, expiring link.

// Importers from before schemas.ts held these (queries.ts, the console page, tests) keep working.

export interface SubscribeContext {
  ip: string | null;
  formToken: string;
  /** A field people never see: bots fill it in. */
  honeypot: string;
  emailEnabled: boolean;
  allowPrivateWebhooks: boolean;
  now?: Date;
}

export type SubscribeResult = { kind: "check_email" } | { kind: "subscribed"; subscriberId: string; secret: string | null; manageUrl: string };

export const SIGNUPS_PER_IP_PER_HOUR = 10;
export const SIGNUPS_PER_ADDRESS_PER_HOUR = 3;

/** A webhook's signing key, shown once to whoever added the webhook; `stored` is what the row keeps (encrypted). */
export function newWebhookSecret(): { secret: string; stored: string } {
  // Standard base64 (24 bytes: no padding), so Standard Webhooks libraries can decode it.
  const secret = `whsec_${randomBytes(24).toString("base64")}`;
  return { secret, stored: sealSecret(WEBHOOK_SECRET, secret) };
}

export async function knownComponents(db: DbOrTx, ids: readonly string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const found = await db.component.findMany({ where: { id: { in: [...ids] } }, select: { id: true } });
  if (found.length !== new Set(ids).size) throw new InvalidInputError("Some of those components no longer exist.", { components: "choose again" });
  return found.map((c) => c.id);
}

async function componentNames(db: DbOrTx, subscriberId: string): Promise<string[] | null> {
  const rows = await db.subscriberComponent.findMany({ where: { subscriberId }, include: { component: { select: { name: true } } } });
  return rows.length ? rows.map((r) => r.component.name) : null;
}

/**
 * Double opt-in for one address, in the caller's transaction; shared by the public form
 * and staff. A new or still unconfirmed address gets a fresh confirmation link (and the
 * latest choice of components); a confirmed one gets its manage link instead, so asking
 * again changes nothing without the owner's click.
 */
export async function requestEmailOptIn(
  tx: DbOrTx,
  input: { target: string; componentIds: readonly string[]; createdIp: string | null; source?: "self" | "staff" | "import" },
  now: Date,
): Promise<{ subscriberId: string; alreadyConfirmed: boolean }> {
  let subscriber = await tx.subscriber.findUnique({ where: { channel_target: { channel: "email", target: input.target } } });
  const expiresAt = new Date(now.getTime() + CONFIRM_HOURS * 3600_000);
  if (!subscriber) {
    subscriber = await tx.subscriber.create({
      data: {
        channel: "email",
        target: input.target,
        createdIp: input.createdIp,
        source: input.source ?? "self",
        expiresAt,
        components: { create: input.componentIds.map((componentId) => ({ componentId })) },
      },
    });
  } else if (!subscriber.confirmedAt) {
    // Asked again before confirming: a fresh link, the latest choice of components.
    const id = subscriber.id;
    await tx.subscriberComponent.deleteMany({ where: { subscriberId: id } });
    await tx.subscriberComponent.createMany({ data: input.componentIds.map((componentId) => ({ subscriberId: id, componentId })) });
    await tx.subscriber.update({ where: { id }, data: { expiresAt } });
  }
  const payload = subscriber.confirmedAt
    ? { manageUrl: await linkFor(tx, "manage", subscriber.id, now), unsubscribeUrl: await linkFor(tx, "unsubscribe", subscriber.id, now) }
    : { confirmUrl: await linkFor(tx, "confirm", subscriber.id, now), components: await componentNames(tx, subscriber.id) };
  await enqueueForOne(tx, { kind: subscriber.confirmedAt ? "subscription.manage" : "subscription.confirm", payload }, subscriber, now);
  return { subscriberId: subscriber.id, alreadyConfirmed: Boolean(subscriber.confirmedAt) };
}

/**
 * An address whose owner confirmed it elsewhere (an import, a Statuspage client that skips
 * the confirmation): saved confirmed with these components, and no email is sent. An address
 * already here waiting to confirm becomes confirmed.
 */
export async function saveConfirmedEmail(
  tx: DbOrTx,
  input: { target: string; componentIds: readonly string[]; confirmedAt: Date; source: "staff" | "import" },
): Promise<{ subscriberId: string }> {
  const existing = await tx.subscriber.findUnique({ where: { channel_target: { channel: "email", target: input.target } } });
  const fields = { confirmedAt: existing?.confirmedAt ?? input.confirmedAt, expiresAt: null, source: input.source };
  const id = existing
    ? (await tx.subscriber.update({ where: { id: existing.id }, data: fields })).id
    : (await tx.subscriber.create({ data: { channel: "email", target: input.target, ...fields } })).id;
  await tx.subscriberComponent.deleteMany({ where: { subscriberId: id } });
  await tx.subscriberComponent.createMany({ data: input.componentIds.map((componentId) => ({ subscriberId: id, componentId })) });
  return { subscriberId: id };
}

export async function subscribe(db: DbOrTx, raw: SubscribeInput, ctx: SubscribeContext): Promise<SubscribeResult> {
  const now = ctx.now ?? new Date();
  const secret = await signingSecret(db);
  // Bots: a filled honeypot or a form posted without being loaded (or too fast) is refused.
  const token = checkFormToken(secret, ctx.formToken, now);
  if (ctx.honeypot.trim() !== "" || token === "invalid" || token === "too_fast") {
    throw new ServiceError("invalid", "We could not accept this form. Reload the page and try again.");
  }
  if (token === "expired") throw new ServiceError("invalid", "This form was open too long. Reload the page and try again.");
  const input = SubscribeInput.parse(raw);
  if (input.channel === "email" && !ctx.emailEnabled) {
    throw new InvalidInputError("Email alerts are not available: this page has no mail server configured.", { target: "email is not set up here" });
  }
  if (ctx.ip && (await overLimit(db, `subscribe:ip:${ctx.ip}`, SIGNUPS_PER_IP_PER_HOUR, 3600_000, now))) {
    throw new ServiceError("rate_limited", "Too many sign-ups from your network. Try again in an hour.");
  }
  if (await overLimit(db, `subscribe:target:${input.channel}:${input.target}`, SIGNUPS_PER_ADDRESS_PER_HOUR, 3600_000, now)) {
    throw new ServiceError("rate_limited", "We already sent a message to this address. Check your inbox (and spam folder), or try again in an hour.");
  }
  if (input.channel !== "email") {
    const check = await checkWebhookUrl(input.target, { allowPrivate: ctx.allowPrivateWebhooks });
    // Anyone can use this form: it must not become a way to learn what a name resolves to
    // inside this network. Staff (staff-verbs.ts) see the full reason.
    if (!check.ok) throw new InvalidInputError("That URL cannot receive alerts.", { target: publicWebhookRefusal(check.reason) });
  }
  const componentIds = await knownComponents(db, input.components);

  if (input.channel === "email") {
    return inTransaction(db, async (tx) => {
      await requestEmailOptIn(tx, { target: input.target, componentIds, createdIp: ctx.ip }, now);
      // Same answer whether or not the address was known, so the form reveals nothing.
      return { kind: "check_email" as const };
    }).finally(wakeDispatcher);
  }

  const existing = await db.subscriber.findUnique({ where: { channel_target: { channel: input.channel, target: input.target } } });
  if (existing) throw new InvalidInputError("This URL is already subscribed.", { target: "already subscribed" });
  const webhookSecret = input.channel === "webhook" ? newWebhookSecret() : null;
  const created = await db.subscriber.create({
    data: {
      channel: input.channel,
      target: input.target,
      createdIp: ctx.ip,
      confirmedAt: now,
      secret: webhookSecret?.stored ?? null,
      components: { create: componentIds.map((componentId) => ({ componentId })) },
    },
  });
  return { kind: "subscribed", subscriberId: created.id, secret: webhookSecret?.secret ?? null, manageUrl: await linkFor(db, "manage", created.id, now) };
}

async function subscriberFromLink(db: DbOrTx, purpose: "confirm" | "manage" | "unsubscribe", token: string, now: Date) {
  const id = verifyLink(await signingSecret(db), purpose, token, now);
  if (!id) throw new ServiceError("invalid", "This link is not valid or has expired. Subscribe again from the status page to get a new one.");
  const subscriber = await db.subscriber.findUnique({ where: { id }, include: { components: true } });
  if (!subscriber) throw new NotFoundError("subscription");
  return subscriber;
}

export async function confirmSubscription(db: DbOrTx, token: string, now = new Date()) {
  const subscriber = await subscriberFromLink(db, "confirm", token, now);
  if (!subscriber.confirmedAt) {
    await db.subscriber.update({ where: { id: subscriber.id }, data: { confirmedAt: now, expiresAt: null } });
  }
  return { manageUrl: await linkFor(db, "manage", subscriber.id, now) };
}

/**
 * Deletes the subscription. What is still queued for it is never sent (the dispatcher
 * cancels it); what was sent stays in the delivery log. Unknown or already gone: done.
 */
export async function unsubscribe(db: DbOrTx, token: string, now = new Date()): Promise<void> {
  const id = verifyLink(await signingSecret(db), "unsubscribe", token, now) ?? verifyLink(await signingSecret(db), "manage", token, now);
  if (!id) throw new ServiceError("invalid", "This link is not valid or has expired.");
  await db.subscriber.deleteMany({ where: { id } });
}

/** What the confirm page repeats before the click: the address and the components chosen (null: the whole page). */
export async function loadConfirmation(db: DbOrTx, token: string, now = new Date()) {
  const subscriber = await subscriberFromLink(db, "confirm", token, now);
  return {
    target: recipientLabel(subscriber.channel, subscriber.target),
    components: await componentNames(db, subscriber.id),
    confirmed: Boolean(subscriber.confirmedAt),
  };
}

export async function loadManagedSubscription(db: DbOrTx, token: string, now = new Date()) {
  const subscriber = await subscriberFromLink(db, "manage", token, now);
  return {
    id: subscriber.id,
    channel: subscriber.channel,
    target: recipientLabel(subscriber.channel, subscriber.target),
    componentIds: subscriber.components.map((c) => c.componentId),
    unsubscribeUrl: await linkFor(db, "unsubscribe", subscriber.id, now),
  };
}

export async function updateSubscriptionComponents(db: DbOrTx, token: string, componentIdsRaw: readonly string[], now = new Date()) {
  const subscriber = await subscriberFromLink(db, "manage", token, now);
  const componentIds = await knownComponents(db, componentIdsRaw);
  await inTransaction(db, async (tx) => {
    await tx.subscriberComponent.deleteMany({ where: { subscriberId: subscriber.id } });
    await tx.subscriberComponent.createMany({ data: componentIds.map((componentId) => ({ subscriberId: subscriber.id, componentId })) });
  });
}

/** Deletes sign-ups never confirmed in time. */
export async function expireUnconfirmed(db: DbOrTx, now = new Date()): Promise<number> {
  const { count } = await db.subscriber.deleteMany({ where: { confirmedAt: null, expiresAt: { lt: now } } });
  return count;
}

/** A refusal as anonymous visitors see it: without the addresses a host name resolved to. */
export function publicWebhookRefusal(reason: string): string {
  return / resolves to |could not be resolved|does not resolve/.test(reason) ? "This URL does not lead to a public address on the internet." : reason;
}
