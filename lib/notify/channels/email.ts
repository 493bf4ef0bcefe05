import { createHash } from "node:crypto";
import { renderMarkdown } from "../../markdown/render";
import { markdownToText } from "../../markdown/text";
import {
  alertHeadline,
  alertTone,
  checkedUrl,
  alertMessage,
  componentLines,
  componentStatusText,
  escapeHtml as esc,
  formatAlertTime,
  formatAlertWindow,
  isMaintenanceEvent,
  markdownPreview,
  oneLine,
  truncate,
  type AlertTone,
} from "./format";
import { DEFAULT_LOCALE } from "../../i18n/locales";
import { translator, type Translator } from "../../i18n/translate";
import type { AlertEvent, AlertPage } from "../event";

// Subscriber emails: one HTML and one plain-text body, table layout with inline styles
// (what mail clients render reliably), no external images or fonts. Every alert about
// one incident (or maintenance) is one thread per subscriber: one subject, and each
// later alert replies to the first (In-Reply-To, References); the status is in the body.
//
// Safety: every interpolated string goes through esc() and every link through
// checkedUrl()+esc(). The one exception is the update body, which is inserted as
// renderMarkdown()'s output: that function sanitises with an allow-list (no scripts,
// styles, event handlers or non-http(s)/mailto links), so its HTML is trusted as is.
// The body is rendered here from the stored Markdown, never taken pre-rendered from the
// outbox row, so nothing read back from the database is trusted as HTML.
//
// Language: every email is written in the page's language (AlertPage.locale, the brand's
// locale for the subscription emails; English for events stored before it existed), with
// dates in the page's zone, named by abbreviation and IANA id.

export interface AlertEmailLinks {
  incidentUrl: string;
  /** The subscriber's preferences page. */
  manageUrl: string;
  /** One-click unsubscribe: must accept a POST of "List-Unsubscribe=One-Click" without a session (RFC 8058). */
  unsubscribeUrl: string;
  /** Optional "mailto:" alternative listed in List-Unsubscribe. */
  unsubscribeMailto?: string;
}

export interface EmailDelivery {
  /** Stable across retries of one delivery, e.g. the outbox's `${eventId}:${subscriberId}`. */
  idempotencyKey: string;
  /** The sender's domain, for Message-ID and List-Id. */
  domain: string;
  /** The idempotency key of the first alert in this one's thread; absent or the same key: this one starts it. */
  threadKey?: string | null;
}

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
  /** Extra headers for nodemailer's `headers` (it keeps a Message-ID given there). */
  headers: Record<string, string>;
}

const DOMAIN = /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;

function checkedDomain(domain: string): string {
  if (!DOMAIN.test(domain)) throw new TypeError(`not a mail domain: ${JSON.stringify(domain)}`);
  return domain.toLowerCase();
}

/** The domain of a From address: "Vigil <alerts@status.example.com>" → "status.example.com". */
export function mailDomain(from: string): string {
  const match = /@([^\s@<>]+)>?\s*$/.exec(from);
  return checkedDomain(match?.[1] ?? "localhost");
}

/**
 * A Message-ID that is the same for every attempt of one delivery, so a resend after a
 * crash is recognisably the same message. The key is hashed: it may name a subscriber.
 */
export function messageId(idempotencyKey: string, domain: string): string {
  if (!idempotencyKey) throw new TypeError("an idempotency key is required");
  const digest = createHash("sha256").update(`vigil-alert:${idempotencyKey}`).digest("hex").slice(0, 32);
  return `<${digest}@${checkedDomain(domain)}>`;
}

/** The same for every alert about one incident, so mail clients thread them: "[Tallyworks] Hubdoc imports delayed". */
export function threadSubject(event: AlertEvent): string {
  return `[${oneLine(event.page.name)}] ${oneLine(event.incident.name)}`;
}

/** RFC 5322 threading: a later alert replies to the thread's first message. */
function threadHeaders(delivery: EmailDelivery): Record<string, string> {
  if (!delivery.threadKey || delivery.threadKey === delivery.idempotencyKey) return {};
  const root = messageId(delivery.threadKey, delivery.domain);
  return { "In-Reply-To": root, References: root };
}

/** RFC 2919: `"Tallyworks status updates" <pageid.domain>`. */
export function listId(page: Pick<AlertPage, "id" | "name">, domain: string): string {
  const label = page.id.toLowerCase().replace(/[^a-z0-9-]/g, "") || "status";
  const phrase = `${oneLine(page.name)} status updates`.replace(/[\\"]/g, "\\$&");
  return `"${phrase}" <${label}.${checkedDomain(domain)}>`;
}

const PALETTE: Record<AlertTone, string> = {
  resolved: "#1a7f37",
  maintenance: "#0969da",
  critical: "#cf222e",
  major: "#bc4c00",
  minor: "#9a6700",
  none: "#57606a",
};

const FONT = "-apple-system,BlinkMacSystemFont,'Segoe UI',Roboto,Helvetica,Arial,sans-serif";
const MUTED = "color:#57606a;font-size:13px;";

/** What an email carries of the page's branding, and the language it is written in. */
export type EmailBrand = Pick<AlertPage, "name"> & Partial<Pick<AlertPage, "logoUrl" | "accentColor" | "locale">>;

const DEFAULT_BUTTON = "#24292f";
const DEFAULT_LINK = "#0969da";

/** The shared frame: header line, content, footer; `preheader` is the inbox preview line. */
function frame(opts: { title: string; preheader: string; brand: EmailBrand; tr: Translator; content: string; footer: string }): string {
  const { brand, tr } = opts;
  const heading = brand.logoUrl
    ? `<img src="${esc(brand.logoUrl)}" alt="${esc(brand.name)}" height="32" style="display:block;height:32px;width:auto;max-width:240px;border:0;">`
    : esc(tr.t("email.pageStatus", { page: brand.name }));
  return `<!DOCTYPE html>
<html lang="${esc(tr.locale)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light">
<title>${esc(opts.title)}</title>
</head>
<body style="margin:0;padding:0;background-color:#f4f5f7;">
<div style="display:none;max-height:0;overflow:hidden;mso-hide:all;">${esc(opts.preheader)}</div>
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background-color:#f4f5f7;">
<tr><td align="center" style="padding:24px 12px;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="max-width:600px;background-color:#ffffff;border:1px solid #d0d7de;border-radius:6px;font-family:${FONT};font-size:15px;line-height:1.5;color:#24292f;">
<tr><td style="padding:16px 24px;border-bottom:1px solid #d0d7de;${brand.accentColor ? `border-top:4px solid ${brand.accentColor};border-radius:6px 6px 0 0;` : ""}font-weight:600;font-size:14px;color:#24292f;">${heading}</td></tr>
<tr><td style="padding:24px;">
${opts.content}
</td></tr>
<tr><td style="padding:16px 24px;border-top:1px solid #d0d7de;${MUTED}">
${opts.footer}
</td></tr>
</table>
</td></tr>
</table>
</body>
</html>
`;
}

function button(href: string, label: string, brand: EmailBrand): string {
  return `<table role="presentation" cellpadding="0" cellspacing="0" border="0" style="margin:24px 0 8px;"><tr><td style="border-radius:6px;background-color:${brand.accentColor ?? DEFAULT_BUTTON};"><a href="${esc(href)}" style="display:inline-block;padding:10px 18px;font-family:${FONT};font-size:14px;font-weight:600;color:#ffffff;text-decoration:none;border-radius:6px;">${esc(label)}</a></td></tr></table>`;
}

const link = (href: string, label: string, brand: EmailBrand) => `<a href="${esc(href)}" style="color:${brand.accentColor ?? DEFAULT_LINK};">${esc(label)}</a>`;

function unsubscribeHeaders(links: AlertEmailLinks): Record<string, string> {
  const targets = [`<${checkedUrl(links.unsubscribeUrl, "unsubscribeUrl")}>`];
  if (links.unsubscribeMailto) {
    const mailto = checkedUrl(links.unsubscribeMailto, "unsubscribeMailto", { mailto: true });
    if (!mailto.startsWith("mailto:")) throw new TypeError("unsubscribeMailto must be a mailto: URL");
    targets.push(`<${mailto}>`);
  }
  const headers: Record<string, string> = { "List-Unsubscribe": targets.join(", ") };
  // RFC 8058 one-click requires an HTTPS target; over plain http only the link is offered.
  if (links.unsubscribeUrl.startsWith("https:")) headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click";
  return headers;
}

function autoHeaders(): Record<string, string> {
  return {
    // RFC 3834: no vacation or out-of-office replies to alerts.
    "Auto-Submitted": "auto-generated",
    "X-Auto-Response-Suppress": "OOF, AutoReply",
  };
}

export function renderAlertEmail(event: AlertEvent, links: AlertEmailLinks, delivery: EmailDelivery): RenderedEmail {
  const incidentUrl = checkedUrl(links.incidentUrl, "incidentUrl");
  const manageUrl = checkedUrl(links.manageUrl, "manageUrl");
  const unsubscribeUrl = checkedUrl(links.unsubscribeUrl, "unsubscribeUrl");
  const { page, incident, update } = event;
  const tr = translator(page.locale);
  const { t, locale } = tr;
  const tz = page.timeZone;
  const maintenance = isMaintenanceEvent(event);
  const subject = threadSubject(event);
  const statusLabel = t(`incidentStatus.${update.status}`);
  const posted = formatAlertTime(update.displayAt, tz, locale);
  const window =
    maintenance && incident.scheduledFor && incident.scheduledUntil ? formatAlertWindow(incident.scheduledFor, incident.scheduledUntil, tz, locale) : null;
  const headline = alertHeadline(event, tr);
  const viewLabel = maintenance ? t("email.viewMaintenance") : t("email.viewIncident");
  const impact = !maintenance && incident.impact !== "none" ? t(`impact.${incident.impact}`) : null;
  const components = componentLines(event);
  const body = alertMessage(event).trim();
  const why = t("email.why", { page: oneLine(page.name) });

  // ── Plain text ── (the first line is what inbox previews show: it names the status)
  const text: string[] = [`${headline} – ${oneLine(incident.name)}`, "", t("email.status", { status: statusLabel })];
  if (impact) text.push(t("email.impact", { impact }));
  if (window) text.push(t("email.window", { window }));
  text.push(t("email.postedAt", { time: posted }), "");
  if (body) text.push(markdownToText(body), "");
  if (components.length > 0) {
    text.push(`${t("email.affectedComponents")}:`, ...components.map((c) => `- ${oneLine(c.name)}: ${componentStatusText(c, tr)}`), "");
  }
  text.push(
    `${viewLabel}: ${incidentUrl}`,
    "",
    // "-- " (with the space) is the signature separator clients recognise.
    "-- ",
    why,
    `${t("email.manage")}: ${manageUrl}`,
    `${t("email.unsubscribe")}: ${unsubscribeUrl}`,
  );

  // ── HTML ──
  const meta: string[] = [];
  if (impact) meta.push(esc(t("email.impact", { impact })));
  meta.push(esc(t("email.posted", { time: posted })));
  const componentRows = components
    .map(
      (c) =>
        `<tr><td style="padding:6px 8px;border-top:1px solid #d0d7de;">${esc(c.name)}</td><td style="padding:6px 8px;border-top:1px solid #d0d7de;text-align:right;">${esc(componentStatusText(c, tr))}</td></tr>`,
    )
    .join("\n");
  const content = [
    headline !== statusLabel ? `<p style="margin:0 0 4px;${MUTED}">${esc(headline)}</p>` : "",
    `<h1 style="margin:0 0 12px;font-size:20px;line-height:1.3;color:#24292f;">${esc(incident.name)}</h1>`,
    `<p style="margin:0 0 16px;"><span style="display:inline-block;padding:2px 10px;border-radius:12px;background-color:${PALETTE[alertTone(event)]};color:#ffffff;font-size:13px;font-weight:600;">${esc(statusLabel)}</span> <span style="${MUTED}">${meta.join(" · ")}</span></p>`,
    window ? `<p style="margin:0 0 16px;"><strong>${esc(t("email.windowLabel"))}</strong> ${esc(window)}</p>` : "",
    // Sanitised by renderMarkdown (see the note at the top): inserted without escaping.
    body ? `<div style="margin:0 0 16px;">${renderMarkdown(body)}</div>` : "",
    components.length > 0
      ? `<h2 style="margin:16px 0 4px;font-size:15px;">${esc(t("email.affectedComponents"))}</h2>\n<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="font-size:14px;">\n${componentRows}\n</table>`
      : "",
    button(incidentUrl, viewLabel, page),
  ]
    .filter(Boolean)
    .join("\n");
  const footer = `${esc(t("email.why", { page: page.name }))}<br>\n${link(manageUrl, t("email.manage"), page)} · ${link(unsubscribeUrl, t("email.unsubscribe"), page)}`;
  const html = frame({ title: subject, preheader: truncate(`${headline}: ${markdownPreview(body)}`, 140), brand: page, tr, content, footer });

  return {
    subject,
    text: `${text.join("\n")}\n`,
    html,
    headers: {
      "Message-ID": messageId(delivery.idempotencyKey, delivery.domain),
      ...threadHeaders(delivery),
      "List-Id": listId(page, delivery.domain),
      ...unsubscribeHeaders(links),
      ...autoHeaders(),
    },
  };
}

export interface ConfirmationEmailInput {
  confirmUrl: string;
  /** How long the link works. */
  expiresHours: number;
  /** Names of the components chosen, or null for the whole page. */
  components: string[] | null;
}

/** Double opt-in: nothing is sent to the address until the link is followed. */
export function renderConfirmationEmail(page: EmailBrand, input: ConfirmationEmailInput, delivery?: EmailDelivery): RenderedEmail {
  const confirmUrl = checkedUrl(input.confirmUrl, "confirmUrl");
  if (!Number.isFinite(input.expiresHours) || input.expiresHours <= 0) throw new TypeError("expiresHours must be positive");
  const tr = translator(page.locale ?? DEFAULT_LOCALE);
  const { t } = tr;
  const pageName = oneLine(page.name);
  const subject = t("email.confirm.subject", { page: pageName });
  const hours = Math.round(input.expiresHours * 10) / 10;
  const chosen = input.components && input.components.length > 0 ? input.components.map(oneLine) : null;
  const asked = t("email.confirm.asked", { scope: chosen ? "some" : "all", components: chosen ? tr.list(chosen) : "", page: pageName });
  const nothingUntil = t("email.confirm.nothingUntil");
  const ignore = t("email.confirm.ignore");

  const text = [subject, "", asked, "", t("email.confirm.within", { hours }), confirmUrl, "", nothingUntil, ignore, ""].join("\n");

  const content = [
    `<h1 style="margin:0 0 12px;font-size:20px;line-height:1.3;color:#24292f;">${esc(subject)}</h1>`,
    `<p style="margin:0 0 12px;">${esc(asked)}</p>`,
    button(confirmUrl, t("email.confirm.button"), page),
    `<p style="margin:0 0 12px;${MUTED}">${esc(t("email.confirm.linkWorks", { hours }))} ${link(confirmUrl, confirmUrl, page)}</p>`,
    `<p style="margin:0;">${esc(nothingUntil)} ${esc(ignore)}</p>`,
  ].join("\n");
  const html = frame({
    title: subject,
    preheader: t("email.confirm.preheader"),
    brand: page,
    tr,
    content,
    footer: esc(t("email.confirm.why", { page: pageName })),
  });

  const headers = autoHeaders();
  if (delivery) headers["Message-ID"] = messageId(delivery.idempotencyKey, delivery.domain);
  return { subject, text, html, headers };
}
