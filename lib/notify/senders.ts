import { Agent, request } from "undici";
import { z } from "zod";
import { renderDiscordMessage, renderSlackMessage } from "./channels/chat";
import { mailDomain, renderAlertEmail, renderConfirmationEmail } from "./channels/email";
import { AlertEvent } from "./event";
import { checkWebhookUrl, guardedLookup } from "../net/ssrf";
import { renderWebhookPayload, webhookHeaders } from "./channels/webhook";
import { renderTeamsMessage } from "./channels/teams";
import { renderPagerDutyEvent } from "./channels/pagerduty";
import { renderOpsgenieRequest } from "./channels/opsgenie";
import type { DbOrTx } from "../db";
import type { Mailer } from "../mail/mailer";
import { CONFIRM_HOURS, linkBuilder } from "./links";
import { loadMessageBrand, type MessageBrand } from "../settings/brand";
import { translator } from "../i18n/translate";
import { PermanentDeliveryError, type Delivery, type Sender } from "./outbox/dispatcher";

// One sender per channel: render the stored event for this subscriber and hand it
// over. A sender throws to ask for a retry, or PermanentDeliveryError when retrying
// cannot help (the endpoint is gone, the address is refused).

const ConfirmPayload = z.object({ confirmUrl: z.string(), components: z.array(z.string()).nullable() });
const ManagePayload = z.object({ manageUrl: z.string(), unsubscribeUrl: z.string() });

export interface SenderOptions {
  db: DbOrTx;
  mailer: Mailer | null;
  from: string;
  allowPrivateWebhooks: boolean;
  /** Per request: connect, headers and body each. */
  timeoutMs?: number;
}

function alertEvent(delivery: Delivery): AlertEvent {
  const parsed = AlertEvent.safeParse(delivery.payload);
  if (!parsed.success) throw new PermanentDeliveryError(`unreadable ${delivery.kind} event: ${parsed.error.issues[0]?.message}`);
  return parsed.data;
}

/** "This address is already subscribed", in the page's language. */
function manageEmail(brand: MessageBrand, links: z.infer<typeof ManagePayload>) {
  const { t } = translator(brand.locale);
  const subject = t("email.manageMail.subject", { page: brand.name });
  const text = `${t("email.manageMail.text", { page: brand.name })}\n\n${t("email.manageMail.change", { url: links.manageUrl })}\n${t("email.manageMail.unsubscribe", { url: links.unsubscribeUrl })}\n`;
  return { subject, text };
}

export function createSenders(options: SenderOptions): Record<string, Sender> {
  const timeout = options.timeoutMs ?? 10_000;
  // Every webhook connection resolves through the SSRF guard, so a DNS answer that
  // changed since the subscription was checked still cannot reach a private address.
  const agent = new Agent({
    connect: { timeout, lookup: guardedLookup(options.allowPrivateWebhooks) },
    headersTimeout: timeout,
    bodyTimeout: timeout,
    connections: 64,
  });
  const domain = mailDomain(options.from);

  async function post(url: string, body: string, headers: Record<string, string>): Promise<void> {
    // IP-literal URLs never reach the lookup guard: check them here too.
    const check = await checkWebhookUrl(url, { allowPrivate: options.allowPrivateWebhooks });
    if (!check.ok) throw new PermanentDeliveryError(check.reason);
    // undici's request() never follows redirects, so a 3xx cannot lead anywhere unchecked.
    // One deadline for the whole exchange: per-chunk timeouts alone let a receiver that
    // drips a byte every few seconds hold a delivery (and its batch) open indefinitely.
    const signal = AbortSignal.timeout(timeout * 2);
    const response = await request(url, { method: "POST", body, headers, dispatcher: agent, signal });
    await response.body.dump({ limit: 64 * 1024, signal }).catch(() => undefined);
    if (response.statusCode >= 200 && response.statusCode < 300) return;
    const message = `the endpoint answered ${response.statusCode}`;
    // 4xx means this request will never be accepted as it is, except "try later" answers.
    if (response.statusCode >= 400 && response.statusCode < 500 && response.statusCode !== 408 && response.statusCode !== 429) {
      throw new PermanentDeliveryError(message);
    }
    throw new Error(message);
  }

  // The page URL, signing secret and branding, re-read at most every few seconds (not per
  // message), so a renamed or moved page is in the next emails. A failed read is retried by
  // the next message, not kept.
  const REREAD_MS = 5000;
  const links = rereadEvery(REREAD_MS, () => linkBuilder(options.db));
  const linkFor = async (purpose: "manage" | "unsubscribe", subscriberId: string, now: Date) => (await links())(purpose, subscriberId, now);
  const pageBrand = rereadEvery(REREAD_MS, () => loadMessageBrand(options.db));

  const email: Sender = async (d) => {
    if (!options.mailer) throw new Error("email is not configured (SMTP_HOST is unset)");
    const delivery = { idempotencyKey: d.idempotencyKey, domain };
    const to = d.subscriber.target;
    if (d.kind === "subscription.confirm") {
      const p = ConfirmPayload.parse(d.payload);
      const mail = renderConfirmationEmail(await pageBrand(), { confirmUrl: p.confirmUrl, expiresHours: CONFIRM_HOURS, components: p.components }, delivery);
      return options.mailer.send({ to, ...mail });
    }
    if (d.kind === "subscription.manage") {
      return options.mailer.send({ to, ...manageEmail(await pageBrand(), ManagePayload.parse(d.payload)) });
    }
    const event = alertEvent(d);
    const now = new Date();
    const mail = renderAlertEmail(
      event,
      {
        incidentUrl: event.incident.url,
        manageUrl: await linkFor("manage", d.subscriber.id, now),
        unsubscribeUrl: await linkFor("unsubscribe", d.subscriber.id, now),
      },
      { ...delivery, threadKey: d.threadKey },
    );
    await options.mailer.send({ to, ...mail });
  };

  const webhook: Sender = async (d) => {
    const event = alertEvent(d);
    const now = new Date();
    const body = JSON.stringify(
      renderWebhookPayload(event, {
        unsubscribeUrl: await linkFor("unsubscribe", d.subscriber.id, now),
        documentationUrl: `${event.page.url}/subscribe`,
        generatedAt: now.toISOString(),
      }),
    );
    const headers = webhookHeaders({
      body,
      secret: d.subscriber.secret,
      timestamp: Math.floor(now.getTime() / 1000),
      deliveryId: d.idempotencyKey,
      event: event.kind,
    });
    await post(d.subscriber.target, body, headers);
  };

  const chat =
    (render: (event: AlertEvent, links: { incidentUrl: string }) => unknown): Sender =>
    async (d) => {
      const event = alertEvent(d);
      await post(d.subscriber.target, JSON.stringify(render(event, { incidentUrl: event.incident.url })), {
        "Content-Type": "application/json",
        "User-Agent": "Vigil-Webhooks/1",
      });
    };

  /** The subscriber's integration key (sealed at rest, opened by the dispatcher). */
  const integrationKey = (d: Delivery): string => {
    if (!d.subscriber.secret) throw new PermanentDeliveryError(`this ${d.subscriber.channel} subscriber has no integration key`);
    return d.subscriber.secret;
  };

  const pagerduty: Sender = async (d) => {
    const body = renderPagerDutyEvent(alertEvent(d), integrationKey(d));
    if (!body) return;
    await post(withoutFragment(d.subscriber.target), JSON.stringify(body), { "Content-Type": "application/json", "User-Agent": "Vigil-Webhooks/1" });
  };

  const opsgenie: Sender = async (d) => {
    const req = renderOpsgenieRequest(alertEvent(d));
    if (!req) return;
    await post(`${withoutFragment(d.subscriber.target).replace(/\/+$/, "")}${req.path}`, JSON.stringify(req.body), {
      "Content-Type": "application/json",
      "User-Agent": "Vigil-Webhooks/1",
      Authorization: `GenieKey ${integrationKey(d)}`,
    });
  };

  return {
    email,
    webhook,
    slack: chat(renderSlackMessage),
    discord: chat(renderDiscordMessage),
    teams: chat(renderTeamsMessage),
    pagerduty,
    opsgenie,
  };
}

/** The stored target without its key hint (subscribers/keyed-target.ts): fragments are never sent. */
function withoutFragment(target: string): string {
  const url = new URL(target);
  url.hash = "";
  return url.toString();
}

/** `read`'s answer, shared for `ms`; a failed read is forgotten, so the next call tries again. */
function rereadEvery<T>(ms: number, read: () => Promise<T>): () => Promise<T> {
  let memo: { at: number; value: Promise<T> } | undefined;
  return () => {
    if (!memo || Date.now() - memo.at > ms) {
      const value = read();
      const entry = { at: Date.now(), value };
      memo = entry;
      value.catch(() => {
        if (memo === entry) memo = undefined;
      });
    }
    return memo.value;
  };
}
