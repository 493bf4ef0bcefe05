import nodemailer from "nodemailer";
import { describe, expect, it } from "vitest";
import { listId, mailDomain, messageId, renderAlertEmail, renderConfirmationEmail, threadSubject, type AlertEmailLinks } from "./email";
import { component, incidentEvent, maintenanceEvent, update } from "./fixtures";
import type { AlertEvent } from "../event";

const links: AlertEmailLinks = {
  incidentUrl: "https://status.tallyworks.example/incidents/inc1",
  manageUrl: "https://status.tallyworks.example/subscription?token=m1&x=1",
  unsubscribeUrl: "https://status.tallyworks.example/unsubscribe?token=u1&x=1",
};
const delivery = { idempotencyKey: "evt1:sub1", domain: "tallyworks.example" };
const render = (event: AlertEvent, l: Partial<AlertEmailLinks> = {}) => renderAlertEmail(event, { ...links, ...l }, delivery);

const HOSTILE = `"><img src=x onerror=alert(1)><script>alert(2)</script>&amp;`;

describe("renderAlertEmail: one subject per incident, the status in the first line and the preheader", () => {
  it.each([
    [incidentEvent(), "[Tallyworks] Hubdoc imports delayed", "Investigating – Hubdoc imports delayed"],
    [
      incidentEvent({ kind: "incident.updated", update: update({ status: "identified" }) }),
      "[Tallyworks] Hubdoc imports delayed",
      "Identified – Hubdoc imports delayed",
    ],
    [
      incidentEvent({ kind: "incident.resolved", update: update({ status: "resolved" }) }),
      "[Tallyworks] Hubdoc imports delayed",
      "Resolved – Hubdoc imports delayed",
    ],
    [maintenanceEvent("maintenance.scheduled"), "[Tallyworks] Database upgrade", "Scheduled maintenance – Database upgrade"],
    [maintenanceEvent("maintenance.started"), "[Tallyworks] Database upgrade", "Maintenance has started – Database upgrade"],
    [maintenanceEvent("maintenance.completed"), "[Tallyworks] Database upgrade", "Maintenance completed – Database upgrade"],
  ])("%#: %s / %s", (event, subject, firstLine) => {
    const mail = render(event);
    expect(mail.subject).toBe(subject);
    expect(threadSubject(event)).toBe(subject);
    expect(mail.text.split("\n")[0]).toBe(firstLine);
    expect(mail.html).toMatch(new RegExp(`mso-hide:all;">${firstLine.split(" – ")[0]}: `));
  });

  it("keeps line breaks out of the subject", () => {
    const e = incidentEvent({ incident: { name: "Two\r\nBcc: victim@example.com" } });
    expect(render(e).subject).toBe("[Tallyworks] Two Bcc: victim@example.com");
  });
});

describe("renderAlertEmail: bodies", () => {
  it("shows the incident, status, impact, update, components and time in the page's zone (text)", () => {
    const { text } = render(incidentEvent());
    expect(text).toContain("Hubdoc imports delayed\n\nStatus: Investigating\nImpact: Minor\n");
    // 01:05Z is 14:05 in Auckland (NZDT, UTC+13).
    expect(text).toContain("Posted: Nov 27, 2026, 14:05 NZDT (Pacific/Auckland)");
    // The Markdown as readable text: no marks, links as "text (url)", wrapped at 76 columns.
    expect(text).toContain("\n\nWe are investigating delays with Hubdoc (https://hubdoc.example/status)\nimports.\n\n");
    expect(text).toContain("Affected components:\n- Hubdoc: Degraded Performance (was Operational)\n");
    expect(text).toContain(`View incident: ${links.incidentUrl}`);
    expect(text).toContain(`Manage your subscription: ${links.manageUrl}\nUnsubscribe: ${links.unsubscribeUrl}\n`);
    expect(text).toContain("\n-- \n");
  });

  it("shows the same in HTML, with the update rendered from Markdown", () => {
    const { html } = render(incidentEvent());
    expect(html).toContain("<h1");
    expect(html).toContain(">Hubdoc imports delayed</h1>");
    expect(html).toContain(">Investigating</span>");
    expect(html).toContain("Impact: Minor · Posted Nov 27, 2026, 14:05 NZDT (Pacific/Auckland)");
    expect(html).toContain("<strong>investigating</strong>");
    expect(html).toContain('<a href="https://hubdoc.example/status" rel="nofollow noopener noreferrer" target="_blank">Hubdoc</a>');
    expect(html).toMatch(/>Hubdoc<\/td><td[^>]*>Degraded Performance \(was Operational\)<\/td>/);
    expect(html).toContain(`href="https://status.tallyworks.example/incidents/inc1"`);
    expect(html).toContain(`<a href="https://status.tallyworks.example/subscription?token=m1&amp;x=1" style="color:#0969da;">Manage your subscription</a>`);
    expect(html).toContain(`<a href="https://status.tallyworks.example/unsubscribe?token=u1&amp;x=1" style="color:#0969da;">Unsubscribe</a>`);
  });

  it("shows a maintenance window in the page's zone and no impact", () => {
    const { text, html } = render(maintenanceEvent("maintenance.scheduled"));
    expect(text).toContain("Window: Nov 29, 2026, 02:00 – 04:00 NZDT (Pacific/Auckland)");
    expect(text).not.toContain("Impact:");
    expect(html).toContain("<strong>Window:</strong> Nov 29, 2026, 02:00 – 04:00 NZDT (Pacific/Auckland)");
    expect(text).toContain("View maintenance: ");
  });

  it("lists the incident's components at their current status when the update changed none", () => {
    const e = incidentEvent({
      update: update({ affectedComponents: null }),
      incident: { components: [component("a", "Payroll", { status: "partial_outage" }), component("b", "Bank feeds", { status: "operational" })] },
    });
    expect(render(e).text).toContain("- Payroll: Partial Outage\n- Bank feeds: Operational\n");
  });

  it("escapes every interpolated string in the HTML", () => {
    const e = incidentEvent({
      page: { ...incidentEvent().page, name: HOSTILE },
      update: update({ affectedComponents: [{ id: "x", name: HOSTILE, oldStatus: "operational", newStatus: "major_outage" }] }),
      incident: { name: HOSTILE },
    });
    const { html } = render(e);
    expect(html).not.toMatch(/<img|<script|onerror=alert\(1\)>/i);
    expect(html).toContain("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;&lt;script&gt;alert(2)&lt;/script&gt;&amp;amp;");
  });

  it("inserts the sanitised update HTML without escaping it again", () => {
    const e = incidentEvent({ update: update({ body: `R&D **done** <img src=x onerror=alert(1)> [x](javascript:alert(1))` }) });
    const { html, text } = render(e);
    expect(html).toContain("R&amp;D <strong>done</strong>");
    expect(html).not.toContain("&amp;amp;");
    expect(html).not.toMatch(/<img|javascript:/i);
    // The text part reads as text: no marks, no tags, and no link the sanitiser refused.
    expect(text).toContain("R&D done x\n");
    expect(text).not.toMatch(/\*\*|<img|javascript:/i);
  });

  it("loads nothing from elsewhere: no images, stylesheets, fonts or scripts", () => {
    const { html } = render(incidentEvent());
    expect(html).not.toMatch(/<(img|link|script|style|iframe)\b/i);
    expect(html).not.toMatch(/url\(|@import|src=/i);
  });

  it("refuses links that are not http(s)", () => {
    expect(() => render(incidentEvent(), { incidentUrl: "javascript:alert(1)" })).toThrow(/incidentUrl must be/);
    expect(() => render(incidentEvent(), { manageUrl: "/relative" })).toThrow(/manageUrl is not an absolute URL/);
  });
});

describe("renderAlertEmail: headers", () => {
  it("sets list, one-click unsubscribe and auto-submitted headers", () => {
    const { headers } = renderAlertEmail(incidentEvent(), { ...links, unsubscribeMailto: "mailto:unsubscribe@tallyworks.example?subject=u1" }, delivery);
    expect(headers).toEqual({
      "Message-ID": messageId("evt1:sub1", "tallyworks.example"),
      "List-Id": '"Tallyworks status updates" <kctbh9vrtdwd.tallyworks.example>',
      "List-Unsubscribe": `<${links.unsubscribeUrl}>, <mailto:unsubscribe@tallyworks.example?subject=u1>`,
      "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
      "Auto-Submitted": "auto-generated",
      "X-Auto-Response-Suppress": "OOF, AutoReply",
    });
  });

  it("threads later alerts under the first one's Message-ID; the first has no parent", () => {
    const first = renderAlertEmail(incidentEvent(), links, { ...delivery, threadKey: delivery.idempotencyKey }).headers;
    expect(first["In-Reply-To"]).toBeUndefined();
    expect(first.References).toBeUndefined();
    expect(render(incidentEvent()).headers["In-Reply-To"]).toBeUndefined(); // no thread known: a thread of its own
    const later = renderAlertEmail(incidentEvent({ kind: "incident.resolved", update: update({ status: "resolved" }) }), links, {
      idempotencyKey: "evt3:sub1",
      domain: delivery.domain,
      threadKey: delivery.idempotencyKey,
    }).headers;
    expect(later["Message-ID"]).toBe(messageId("evt3:sub1", "tallyworks.example"));
    expect(later["In-Reply-To"]).toBe(first["Message-ID"]);
    expect(later.References).toBe(first["Message-ID"]);
  });

  it("offers one-click only over https (RFC 8058)", () => {
    const { headers } = render(incidentEvent(), { unsubscribeUrl: "http://localhost:3000/unsubscribe?t=1" });
    expect(headers["List-Unsubscribe"]).toBe("<http://localhost:3000/unsubscribe?t=1>");
    expect(headers["List-Unsubscribe-Post"]).toBeUndefined();
  });

  it("derives the same Message-ID for the same delivery, and hides the key", () => {
    const a = messageId("evt1:sub1", "tallyworks.example");
    expect(a).toMatch(/^<[0-9a-f]{32}@tallyworks\.example>$/);
    expect(messageId("evt1:sub1", "Tallyworks.Example")).toBe(a);
    expect(messageId("evt1:sub2", "tallyworks.example")).not.toBe(a);
    expect(a).not.toContain("sub1");
    expect(render(incidentEvent()).headers["Message-ID"]).toBe(render(incidentEvent({ kind: "incident.updated" })).headers["Message-ID"]);
    expect(() => messageId("", "x.example")).toThrow();
    expect(() => messageId("k", "bad domain>")).toThrow(/not a mail domain/);
  });

  it("quotes the page name in List-Id and keeps line breaks out", () => {
    expect(listId({ id: "Abc_12", name: 'Acme "Cloud"\r\nX-Evil: 1' }, "acme.example")).toBe(
      '"Acme \\"Cloud\\" X-Evil: 1 status updates" <abc12.acme.example>',
    );
  });

  it("finds the domain of a From address", () => {
    expect(mailDomain("Vigil <alerts@status.example.com>")).toBe("status.example.com");
    expect(mailDomain("vigil@localhost")).toBe("localhost");
  });

  it("reaches the wire through nodemailer with our Message-ID and headers", async () => {
    const email = render(incidentEvent());
    const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "unix" });
    const info = await transport.sendMail({ from: "Vigil <alerts@tallyworks.example>", to: "a@example.com", ...email });
    const raw = (info.message as Buffer).toString("utf8");
    expect(info.messageId).toBe(email.headers["Message-ID"]);
    expect(raw).toContain(`Message-ID: ${email.headers["Message-ID"]}`);
    expect(raw).toContain("List-Unsubscribe-Post: List-Unsubscribe=One-Click");
    expect(raw).toContain("Auto-Submitted: auto-generated");
    expect(raw).toMatch(/Content-Type: multipart\/alternative/);
  });
});

describe("renderConfirmationEmail", () => {
  const input = { confirmUrl: "https://status.tallyworks.example/confirm?token=c1&x=1", expiresHours: 24, components: null };

  it("asks to confirm, says nothing is sent before, and says to ignore it otherwise", () => {
    const { subject, text, html, headers } = renderConfirmationEmail({ name: "Tallyworks" }, input);
    expect(subject).toBe("Confirm your subscription to Tallyworks status updates");
    expect(text).toContain("all status updates from Tallyworks");
    expect(text).toContain(`Confirm within 24 hours:\n${input.confirmUrl}\n`);
    expect(text).toContain("Nothing will be sent to you until you confirm.");
    expect(text).toContain("If you did not ask for this, ignore this email");
    expect(html).toContain('href="https://status.tallyworks.example/confirm?token=c1&amp;x=1"');
    expect(html).toContain("Nothing will be sent to you until you confirm.");
    expect(headers).toEqual({ "Auto-Submitted": "auto-generated", "X-Auto-Response-Suppress": "OOF, AutoReply" });
  });

  it("names the chosen components and a singular hour", () => {
    const { text } = renderConfirmationEmail({ name: "Tallyworks" }, { ...input, expiresHours: 1, components: ["Hubdoc", "Payroll"] });
    expect(text).toContain("receive updates about Hubdoc and Payroll from Tallyworks");
    expect(text).toContain("Confirm within 1 hour:");
  });

  it("escapes the page and component names", () => {
    const { html, subject } = renderConfirmationEmail({ name: HOSTILE }, { ...input, components: [HOSTILE] });
    expect(html).not.toMatch(/<img|<script/i);
    expect(subject).not.toMatch(/[\r\n]/);
  });

  it("sets a deterministic Message-ID when given a delivery, and refuses bad input", () => {
    expect(renderConfirmationEmail({ name: "T" }, input, delivery).headers["Message-ID"]).toBe(messageId("evt1:sub1", "tallyworks.example"));
    expect(() => renderConfirmationEmail({ name: "T" }, { ...input, expiresHours: 0 })).toThrow();
    expect(() => renderConfirmationEmail({ name: "T" }, { ...input, confirmUrl: "data:text/html,x" })).toThrow();
  });
});

describe("emails in the page's language", () => {
  const german = (event: AlertEvent): AlertEvent => ({ ...event, page: { ...event.page, locale: "de-DE", timeZone: "Europe/Berlin" } });

  it("writes an alert in German, dates in the page's zone with its German abbreviation", () => {
    const { text, html, subject } = render(german(incidentEvent()));
    expect(subject).toBe("[Tallyworks] Hubdoc imports delayed"); // names only: the thread stays one
    expect(text.split("\n")[0]).toBe("Wird untersucht – Hubdoc imports delayed");
    expect(text).toContain("Status: Wird untersucht");
    expect(text).toContain("Veröffentlicht: 27. Nov. 2026, 02:05 MEZ (Europe/Berlin)");
    expect(text).toContain("Betroffene Komponenten:");
    expect(text).toContain("Leistungseinbußen");
    expect(text).toContain("Sie erhalten diese Nachricht, weil Sie Statusupdates von Tallyworks abonniert haben.");
    expect(text).toContain("Abonnement verwalten: https://");
    expect(html).toContain('<html lang="de-DE">');
    expect(html).toContain(">Vorfall ansehen</a>");
    expect(html).not.toMatch(/Affected components|Posted|View incident/);
  });

  it("writes a maintenance window in the locale's date format", () => {
    const { text } = render({ ...german(maintenanceEvent("maintenance.scheduled")) });
    expect(text.split("\n")[0]).toBe("Geplante Wartung – Database upgrade");
    expect(text).toContain("Zeitfenster: 28. Nov. 2026, 14:00–16:00 Uhr MEZ (Europe/Berlin)");
  });

  it("keeps events stored before the language existed in English", async () => {
    const { AlertEvent: Schema } = await import("../event");
    const { locale: _, ...oldPage } = incidentEvent().page;
    const parsed = Schema.parse({ ...incidentEvent(), page: oldPage });
    expect(parsed.page.locale).toBe("en-US");
    expect(render(parsed).text).toContain("Status: Investigating");
  });

  it("writes the confirmation email in Japanese, with plurals by the language's rules", () => {
    const { subject, text, html } = renderConfirmationEmail(
      { name: "Tallyworks", locale: "ja-JP" },
      { confirmUrl: "https://status.tallyworks.example/subscribe/confirm?token=t", expiresHours: 24, components: ["Hubdoc", "Payroll"] },
    );
    expect(subject).toBe("Tallyworks のステータス更新の購読を確認してください");
    expect(text).toContain("24 時間以内に確認してください:");
    expect(text).toContain("Hubdoc、Payroll に関する更新");
    expect(html).toContain('<html lang="ja-JP">');
  });
});
