import { z } from "zod";
import { withoutNul } from "../text/nul";

// What the public sign-up form sends, and what staff send when they manage
// subscribers: the add form, the list's filters, and one CSV row. Shared by the
// actions and pages and by the verbs (subscribe.ts, staff-verbs.ts), which parse once.

export const CHANNELS = ["email", "webhook", "slack", "discord", "teams", "pagerduty", "opsgenie"] as const;
export type Channel = (typeof CHANNELS)[number];
/** The channels the public sign-up form offers (and the page's languages name). */
export const PUBLIC_CHANNELS = ["email", "webhook", "slack", "discord"] as const satisfies readonly Channel[];
/** Channels whose target is an API base and whose sealed `secret` is the service's integration key. */
export const KEYED_CHANNELS = ["pagerduty", "opsgenie"] as const;
export type KeyedChannel = (typeof KEYED_CHANNELS)[number];
export const isKeyedChannel = (c: string): c is KeyedChannel => (KEYED_CHANNELS as readonly string[]).includes(c);

const CHANNEL_CHOICE = "choose email, webhook, slack, discord, teams, pagerduty or opsgenie";
const channel = z.enum(CHANNELS, { error: CHANNEL_CHOICE });
const components = z.array(z.string().min(1).max(64)).max(500).default([]);
const email = z
  .string()
  .trim()
  .pipe(z.email("enter a valid email address").max(254))
  .transform((s) => s.toLowerCase());
const httpUrl = z
  .string()
  .trim()
  .pipe(z.url({ protocol: /^https?$/, error: "enter an http(s) URL" }).max(2000));
// Staff may route Slack and Discord through a proxy, so unlike the public form no host
// pattern is required here; the address is still SSRF-checked before it is saved.
const httpsUrl = z
  .string()
  .trim()
  .pipe(z.url({ protocol: /^https$/, error: "enter an https:// URL" }).max(2000));

const targetByChannel = {
  email: z.object({ channel: z.literal("email"), target: email }),
  webhook: z.object({ channel: z.literal("webhook"), target: httpUrl }),
  slack: z.object({ channel: z.literal("slack"), target: httpsUrl }),
  discord: z.object({ channel: z.literal("discord"), target: httpsUrl }),
  teams: z.object({ channel: z.literal("teams"), target: httpsUrl }),
};

/** An empty field means the service's default API address. */
const apiBase = (fallback: string) =>
  z
    .string()
    .trim()
    .transform((s) => s || fallback)
    .pipe(z.url({ protocol: /^https?$/, error: "enter an http(s) URL" }).max(1000))
    .transform((s) => s.replace(/\/+$/, ""));
/** A routing key or GenieKey: printable, no spaces (both services issue 32–36 characters). */
const integrationKey = (name: string) =>
  z
    .string({ error: `enter the ${name}` })
    .trim()
    .min(8, `enter the ${name}`)
    .max(200)
    .regex(/^[\x21-\x7e]+$/, `the ${name} has no spaces or special characters`);

export const PAGERDUTY_DEFAULT_URL = "https://events.pagerduty.com/v2/enqueue";
export const OPSGENIE_DEFAULT_URL = "https://api.opsgenie.com";

export const StaffSubscriberInput = z.discriminatedUnion(
  "channel",
  [
    targetByChannel.email.extend({ components }),
    targetByChannel.webhook.extend({ components }),
    targetByChannel.slack.extend({ components }),
    targetByChannel.discord.extend({ components }),
    targetByChannel.teams.extend({ components }),
    z.object({ channel: z.literal("pagerduty"), target: apiBase(PAGERDUTY_DEFAULT_URL), key: integrationKey("routing key"), components }),
    z.object({ channel: z.literal("opsgenie"), target: apiBase(OPSGENIE_DEFAULT_URL), key: integrationKey("API key"), components }),
  ],
  { error: (issue) => (issue.code === "invalid_union" ? CHANNEL_CHOICE : undefined) },
);
export type StaffSubscriberInput = z.input<typeof StaffSubscriberInput>;

// ── The public sign-up form ────────────────────────────────────────────────

/** Slack and Discord sign-ups from the public page must be those services' own webhook URLs. */
const serviceWebhookUrl = (pattern: RegExp, message: string) =>
  z
    .url({ protocol: /^https$/, error: message })
    .max(2000)
    .regex(pattern, message);

export const SubscribeInput = z.discriminatedUnion("channel", [
  z.object({ channel: z.literal("email"), target: z.email("enter a valid email address").max(254).toLowerCase(), components }),
  z.object({ channel: z.literal("webhook"), target: z.url({ protocol: /^https?$/, error: "enter an http(s) URL" }).max(2000), components }),
  z.object({
    channel: z.literal("slack"),
    target: serviceWebhookUrl(/^https:\/\/hooks\.slack\.com\/services\//, "enter a Slack incoming-webhook URL (https://hooks.slack.com/services/…)"),
    components,
  }),
  z.object({
    channel: z.literal("discord"),
    target: serviceWebhookUrl(/^https:\/\/(discord|discordapp)\.com\/api\/webhooks\//, "enter a Discord webhook URL (https://discord.com/api/webhooks/…)"),
    components,
  }),
]);
export type SubscribeInput = z.input<typeof SubscribeInput>;

/** A subscriber or notification id from a form or URL. */
export const RecordId = z.string().min(1).max(64);

// ── The list's filters (GET parameters: anything malformed is ignored) ──────

export const SUBSCRIBERS_PAGE_SIZE = 50;
/** The `component` filter's value for whole-page subscribers (no component chosen). */
export const WHOLE_PAGE = "page";

export const SubscriberListQuery = z.object({
  q: z.string().trim().max(200).refine(withoutNul).optional().catch(undefined),
  channel: channel.optional().catch(undefined),
  confirmed: z.enum(["yes", "no"]).optional().catch(undefined),
  component: z.string().trim().min(1).max(64).refine(withoutNul).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).default(1).catch(1),
});
export type SubscriberListQuery = z.input<typeof SubscriberListQuery>;

/** The console's "was this customer told?" search in an incident's delivery log (an address or a host). */
export const DeliveryLogQuery = z.object({
  recipient: z.string().trim().toLowerCase().max(254).optional().catch(undefined),
});
export type DeliveryLogQuery = z.input<typeof DeliveryLogQuery>;

// ── CSV import/export ──────────────────────────────────────────────────────

export const CSV_COLUMNS = ["channel", "target", "components", "confirmed"] as const;
export const IMPORT_MAX_BYTES = 5 * 1024 * 1024;
export const IMPORT_MAX_ROWS = 50_000;

const TRUE = ["true", "yes", "1"];
const FALSE = ["false", "no", "0"];

/**
 * One CSV row as strings. `components` holds component slugs separated by `;` (empty:
 * the whole page). `confirmed` empty means the channel's default: emails must confirm,
 * URLs need no confirmation (only email has an opt-in message to send).
 */
export const CsvRow = z
  .object({
    channel: z.string().trim().toLowerCase().pipe(channel),
    target: z.string(),
    components: z
      .string()
      .default("")
      .transform((s) => [
        ...new Set(
          s
            .split(";")
            .map((slug) => slug.trim())
            .filter(Boolean),
        ),
      ]),
    confirmed: z
      .string()
      .default("")
      .transform((s) => s.trim().toLowerCase())
      .refine((s) => s === "" || TRUE.includes(s) || FALSE.includes(s), "write true or false")
      .transform((s) => (s === "" ? null : TRUE.includes(s))),
  })
  .transform((row, ctx) => {
    if (isKeyedChannel(row.channel)) {
      ctx.addIssue({ code: "custom", path: ["channel"], message: `add ${row.channel} subscribers in the console: they need an integration key` });
      return z.NEVER;
    }
    const parsed = targetByChannel[row.channel].safeParse({ channel: row.channel, target: row.target });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) ctx.addIssue({ code: "custom", path: issue.path, message: issue.message });
      return z.NEVER;
    }
    const confirmed = row.confirmed ?? row.channel !== "email";
    if (!confirmed && row.channel !== "email") {
      ctx.addIssue({ code: "custom", path: ["confirmed"], message: `only email subscribers can be unconfirmed; write true for a ${row.channel} URL` });
      return z.NEVER;
    }
    return { channel: row.channel, target: parsed.data.target, componentSlugs: row.components, confirmed };
  });
export type CsvRow = z.output<typeof CsvRow>;
