// Languages through the real app: a German page renders German statuses and dates on the
// fast path (publicPageResponse, rendered once per language by the real Next server),
// Accept-Language and the switcher's cookie pick a variant with its own ETag and `Vary`, each
// variant is answered from memory after its one render, and a German page's alert email,
// rendered from the event its update really built, is German.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Db } from "@/lib/db";
import { translator } from "@/lib/i18n/translate";
import { createIncident } from "@/lib/incidents/create-incident";
import { AlertEvent } from "@/lib/notify/event";
import { renderAlertEmail } from "@/lib/notify/channels/email";
import { RENDER_HEADER } from "@/lib/public/html";
import { invalidatePublicSnapshot } from "@/lib/public/snapshot";
import { seedIfEmpty } from "@/lib/seed/demo";
import { formatDayKey, zonedDayKey } from "@/lib/time/zoned";
import { publicPageResponse } from "@/server/public-routes";
import { type RunningApp, startApp } from "../support/app-server";
import { resetDb, testDatabaseUrl, testDb } from "./db";

let db: Db;
let app: RunningApp;
const TZ = "Europe/Berlin";

const headers = (h: Record<string, string> = {}) => ({ get: (n: string) => h[n.toLowerCase()] ?? null });
const page = (path: string, h: Record<string, string> = {}) => publicPageResponse("GET", new URL(path, "http://status.test"), headers(h), app.origin);
const text = (r: { body: Buffer | null } | null) => r?.body?.toString("utf8") ?? "";

/** How many internal renders the fast path asked of Next (it marks them with the render header). */
const renders = vi.spyOn(globalThis, "fetch");
const renderCount = () => renders.mock.calls.filter(([, init]) => JSON.stringify(init?.headers ?? {}).includes(RENDER_HEADER)).length;

beforeAll(async () => {
  vi.stubEnv("DATABASE_URL", testDatabaseUrl());
  db = await testDb();
  await resetDb(db);
  await seedIfEmpty(db, { demo: true, url: "http://status.test/" });
  await db.pageSetting.update({ where: { id: 1 }, data: { locale: "de-DE", timeZone: TZ } });
  // On SQLite the app's migration step cannot lock the file while this process holds a connection.
  await db.$disconnect();
  app = await startApp({ DATABASE_URL: testDatabaseUrl(), SEED_DEMO: "false", PROBES_ENABLED: "false", LOG_REQUESTS: "false", SMTP_HOST: "" });
  invalidatePublicSnapshot();
}, 420_000); // the first start builds the app

afterAll(async () => {
  await app?.stop();
});

describe("a German page on the fast path", () => {
  it("renders German statuses, banner, headings and dates, and says so in <html lang> and Content-Language", async () => {
    const r = await page("/");
    expect(r?.status).toBe(200);
    const html = text(r);
    const { t } = translator("de-DE");
    expect(html).toMatch(/<html lang="de-DE"/);
    expect(r?.headers["Content-Language"]).toBe("de-DE");
    expect(html).toContain("Vergangene Vorfälle");
    expect(html).toContain("Betriebsbereit");
    expect(html).toMatch(new RegExp(`(${["none", "minor", "major", "critical", "maintenance"].map((i) => t(`banner.${i}` as never)).join("|")})`));
    expect(html).toContain(formatDayKey(zonedDayKey(new Date(), TZ), "de-DE")); // "27. Nov. 2026"
    expect(html).toMatch(/Alle Zeiten in Europe\/Berlin \((MEZ|MESZ)\), der Zeitzone dieser Seite\./);
    expect(html).not.toMatch(/Past Incidents|>Operational<|All Systems Operational/);
    // The footer's switcher names every language in itself.
    expect(html).toContain('href="/?lang=ja-JP"');
    expect(html).toContain("日本語");
  });

  it("renders an incident page in German too", async () => {
    const incident = await db.incident.findFirstOrThrow({ where: { kind: "incident" }, select: { id: true } });
    const html = text(await page(`/incidents/${incident.id}`));
    expect(html).toMatch(/<html lang="de-DE"/);
    expect(html).toContain("<dt");
    expect(html).toContain("Auswirkung");
    expect(html).toMatch(/ (MEZ|MESZ)</);
  });
});

describe("one variant per language", () => {
  it("picks the language from Accept-Language (q-values), then the cookie, with Vary and an ETag per variant", async () => {
    const german = await page("/");
    const before = renderCount();
    const french = await page("/", { "accept-language": "nl;q=1, fr-CH;q=0.9, en;q=0.5" });
    expect(french?.headers["Content-Language"]).toBe("fr-FR");
    expect(text(french)).toMatch(/<html lang="fr-FR"/);
    expect(text(french)).toContain("Incidents passés");
    expect(french?.headers.Vary).toBe("Accept-Encoding, Accept-Language, Cookie");
    expect(german?.headers.Vary).toBe("Accept-Encoding, Accept-Language, Cookie");
    expect(french?.headers.ETag).not.toBe(german?.headers.ETag);
    expect(renderCount()).toBe(before + 1); // the French variant's one render

    // Answered from memory: the same bytes, no render, for every French visitor.
    const again = await page("/", { "accept-language": "fr-FR" });
    expect(again?.headers.ETag).toBe(french?.headers.ETag);
    expect(again?.headers["X-Vigil-Cache"]).toBe("hit");
    expect(renderCount()).toBe(before + 1);

    // Validators are per variant.
    expect((await page("/", { "accept-language": "fr", "if-none-match": french!.headers.ETag! }))?.status).toBe(304);
    expect((await page("/", { "accept-language": "fr", "if-none-match": german!.headers.ETag! }))?.status).toBe(200);

    // The switcher's cookie beats the browser's language.
    const japanese = await page("/", { "accept-language": "fr", cookie: "other=1; vigil_lang=ja-JP" });
    expect(japanese?.headers["Content-Language"]).toBe("ja-JP");
    expect(text(japanese)).toContain("過去のインシデント");
  });

  it("turns a switcher link into the cookie and a redirect, never cached", async () => {
    const r = await page("/history?page=2&lang=en-GB");
    expect(r?.status).toBe(303);
    expect(r?.headers.Location).toBe("/history?page=2");
    expect(r?.headers["Set-Cookie"]).toMatch(/^vigil_lang=en-GB; Path=\/;/);
    expect(r?.headers["Cache-Control"]).toBe("no-store");
  });
});

describe("through the running server", () => {
  it("serves the same variants over HTTP, and the pages Next renders follow the cookie", async () => {
    const home = await fetch(`${app.origin}/`, { headers: { "accept-language": "es-ES,es;q=0.9" } });
    expect(home.headers.get("content-language")).toBe("es-ES");
    expect(home.headers.get("vary")).toContain("Accept-Language");
    expect(await home.text()).toContain("Todos los sistemas operativos");

    const switched = await fetch(`${app.origin}/subscribe?lang=pt-BR`, { redirect: "manual" });
    expect(switched.status, app.output().slice(-3000)).toBe(303);
    expect(new URL(switched.headers.get("location")!, app.origin).pathname).toBe("/subscribe");
    const cookie = switched.headers.get("set-cookie")!.split(";")[0]!;
    const subscribe = await (await fetch(`${app.origin}/subscribe`, { headers: { cookie } })).text();
    expect(subscribe).toMatch(/<html lang="pt-BR"/);
    expect(subscribe).toContain("Assinar atualizações");

    // The console stays English, whatever the visitor's language.
    const login = await (await fetch(`${app.origin}/login`, { headers: { cookie, "accept-language": "de" } })).text();
    expect(login).toMatch(/<html lang="en-US"/);
  });
});

describe("a German page's subscriber email", () => {
  it("is German, rendered from the event the update built", async () => {
    await db.subscriber.create({ data: { channel: "email", target: "ops@example.com", confirmedAt: new Date(), source: "staff" } });
    const created = await createIncident(db, { name: "API langsam", status: "investigating", impact: "minor", body: "Wir prüfen das." });
    const stored = await db.alertEvent.findFirstOrThrow({ where: { incidentId: created.id } });
    const event = AlertEvent.parse(JSON.parse(stored.payload));
    expect(event.page.locale).toBe("de-DE");
    const mail = renderAlertEmail(
      event,
      {
        incidentUrl: event.incident.url,
        manageUrl: "http://status.test/subscribe/manage?token=m",
        unsubscribeUrl: "http://status.test/subscribe/unsubscribe?token=u",
      },
      { idempotencyKey: `${stored.id}:s`, domain: "status.test" },
    );
    expect(mail.text.split("\n")[0]).toBe("Wird untersucht – API langsam");
    expect(mail.text).toMatch(/Veröffentlicht: \d{1,2}\. \S+ \d{4}, \d{2}:\d{2} (MEZ|MESZ) \(Europe\/Berlin\)/);
    expect(mail.text).toContain("Abonnement verwalten: http://status.test/subscribe/manage?token=m");
    expect(mail.html).toContain('<html lang="de-DE">');
    expect(mail.html).toContain("Vorfall ansehen");
  });
});
