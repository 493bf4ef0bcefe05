import { describe, expect, it } from "vitest";
import { cdata, entryHtml, FEED_ITEM_LIMIT, renderAtom, renderRss, rfc3339, rfc822, selectFeedEntries, type FeedChannel, type FeedEntry } from "./render";
import { child, childElements, parseXml, textOf } from "./xml-check";

const channel: FeedChannel = {
  pageName: "Acme & Co",
  pageUrl: "https://status.acme.test",
  timeZone: "Pacific/Auckland",
  component: null,
  emptyUpdated: new Date("2025-06-01T00:00:00Z"),
};

const api = { id: "c_api", name: "API", slug: "api" };
const web = { id: "c_web", name: "Web <app>", slug: "web" };

function entry(overrides: Partial<FeedEntry> & { id: string; at?: string }): FeedEntry {
  const { at = "2026-01-14T09:30:00Z", ...rest } = overrides;
  return {
    kind: "incident",
    name: `Incident ${overrides.id}`,
    status: "investigating",
    impact: "minor",
    scheduledFor: null,
    scheduledUntil: null,
    components: [api],
    updates: [{ status: "investigating", bodyHtml: "<p>Looking into it.</p>", displayAt: new Date(at) }],
    ...rest,
  };
}

const hostile = entry({
  id: "i_hostile",
  name: `<script>alert("x")</script> & 'quotes' ]]> bell\u0007`,
  status: "resolved",
  impact: "major",
  components: [api, web],
  updates: [
    { status: "resolved", bodyHtml: "<p>Fixed: <code>a ]]&gt; b</code> and raw ]]> too &amp; more</p>", displayAt: new Date("2026-01-14T11:00:00Z") },
    { status: "investigating", bodyHtml: "<p>Errors on <strong>login</strong>.</p>", displayAt: new Date("2026-01-14T09:30:00Z") },
  ],
});

const maintenance = entry({
  id: "m_db",
  kind: "maintenance",
  name: "Database upgrade",
  status: "scheduled",
  impact: "none",
  scheduledFor: new Date("2026-02-01T10:00:00Z"),
  scheduledUntil: new Date("2026-02-01T12:00:00Z"),
  components: [web],
  updates: [{ status: "scheduled", bodyHtml: "<p>Planned.</p>", displayAt: new Date("2026-01-13T08:00:00Z") }],
});

describe("XML text", () => {
  // escapeXml and stripInvalidXmlChars are tested beside them, in lib/text/xml.test.ts.
  it.each(["plain", "a ]]> b", "]]>", "]]>]]>", "]]]>>", "x]]", "", "<p>&amp;</p>"])("cdata(%j) round-trips through an XML reader", (text) => {
    const xml = `<x>${cdata(text)}</x>`;
    // A section ending early would leave "]]>" in plain text (rejected) or change the text.
    expect(textOf(parseXml(xml))).toBe(text);
  });

  it("splits ]]> across two CDATA sections", () => {
    expect(cdata("a]]>b")).toBe("<![CDATA[a]]]]><![CDATA[>b]]>");
  });
});

describe("dates", () => {
  it("formats RFC 822 for RSS", () => {
    expect(rfc822(new Date("2026-01-14T09:30:05.123Z"))).toBe("Wed, 14 Jan 2026 09:30:05 GMT");
    expect(rfc822(new Date("2026-07-04T23:59:59Z"))).toMatch(/^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/);
  });

  it("formats RFC 3339 for Atom", () => {
    expect(rfc3339(new Date("2026-01-14T09:30:05.123Z"))).toBe("2026-01-14T09:30:05Z");
  });
});

describe("selectFeedEntries", () => {
  it("orders by latest update, newest first, not by start", () => {
    const oldButUpdated = entry({
      id: "old",
      updates: [
        { status: "resolved", bodyHtml: "", displayAt: new Date("2026-01-20T00:00:00Z") },
        { status: "investigating", bodyHtml: "", displayAt: new Date("2026-01-01T00:00:00Z") },
      ],
    });
    const recent = entry({ id: "recent", at: "2026-01-10T00:00:00Z" });
    const middle = entry({ id: "middle", at: "2026-01-05T00:00:00Z" });
    expect(selectFeedEntries([middle, recent, oldButUpdated], { componentId: null }).map((e) => e.id)).toEqual(["old", "recent", "middle"]);
  });

  it("breaks ties by id so the order is stable", () => {
    const entries = ["b", "c", "a"].map((id) => entry({ id }));
    expect(selectFeedEntries(entries, { componentId: null }).map((e) => e.id)).toEqual(["c", "b", "a"]);
  });

  it(`keeps the ${FEED_ITEM_LIMIT} most recent`, () => {
    const entries = Array.from({ length: 60 }, (_, i) => entry({ id: `e${String(i).padStart(2, "0")}`, at: new Date(Date.UTC(2026, 0, 1, i)).toISOString() }));
    const selected = selectFeedEntries(entries, { componentId: null });
    expect(selected).toHaveLength(50);
    expect(selected[0]!.id).toBe("e59");
    expect(selected.at(-1)!.id).toBe("e10");
  });

  it("keeps only entries touching the component", () => {
    const entries = [hostile, maintenance, entry({ id: "api-only", components: [api] }), entry({ id: "none", components: [] })];
    expect(selectFeedEntries(entries, { componentId: web.id }).map((e) => e.id)).toEqual(["i_hostile", "m_db"]);
    expect(selectFeedEntries(entries, { componentId: api.id }).map((e) => e.id)).toEqual(["i_hostile", "api-only"]);
    expect(selectFeedEntries(entries, { componentId: "c_other" })).toEqual([]);
    expect(selectFeedEntries(entries, { componentId: null })).toHaveLength(4);
  });
});

describe("entryHtml", () => {
  it("lists the status, the components and every update newest first, with dates in the page zone", () => {
    const html = entryHtml(hostile, channel.timeZone);
    expect(html).toContain("<p><strong>Resolved</strong> · Impact: Major</p>");
    expect(html).toContain("<p>Affected: API, Web &lt;app&gt;</p>");
    const resolved = html.indexOf("<p><strong>Resolved</strong> – Jan 15, 2026, 00:00 NZDT</p>");
    const investigating = html.indexOf("<p><strong>Investigating</strong> – Jan 14, 2026, 22:30 NZDT</p>");
    expect(resolved).toBeGreaterThan(0);
    expect(investigating).toBeGreaterThan(resolved);
    expect(html).toContain("<p>Errors on <strong>login</strong>.</p>");
  });

  it("shows a maintenance's window", () => {
    const html = entryHtml(maintenance, "UTC");
    expect(html).toContain("<p><strong>Scheduled</strong>: Feb 1, 2026, 10:00 UTC – Feb 1, 2026, 12:00 UTC</p>");
    expect(html).toContain("<p>Components: Web &lt;app&gt;</p>");
    expect(html).not.toContain("Impact");
  });
});

describe("renderRss", () => {
  const entries = selectFeedEntries([maintenance, hostile], { componentId: null });
  const xml = renderRss(channel, entries);
  const rss = parseXml(xml);
  const ch = child(rss, "channel");

  it("is well-formed RSS 2.0 with the channel's required elements", () => {
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n')).toBe(true);
    expect(rss.name).toBe("rss");
    expect(rss.attributes).toEqual({ version: "2.0", "xmlns:atom": "http://www.w3.org/2005/Atom" });
    expect(textOf(child(ch, "title"))).toBe("Acme & Co Status");
    expect(textOf(child(ch, "link"))).toBe("https://status.acme.test");
    expect(textOf(child(ch, "description"))).toBe("Incidents and scheduled maintenance for Acme & Co");
    expect(textOf(child(ch, "language"))).toBe("en");
    expect(textOf(child(ch, "lastBuildDate"))).toBe("Wed, 14 Jan 2026 11:00:00 GMT");
    expect(child(ch, "atom:link").attributes).toEqual({ href: "https://status.acme.test/feed.rss", rel: "self", type: "application/rss+xml" });
  });

  it("has one item per incident, newest first, with a permalink guid, the latest update's date and its components", () => {
    const items = childElements(ch, "item");
    expect(items.map((i) => textOf(child(i, "title")))).toEqual([`<script>alert("x")</script> & 'quotes' ]]> bell`, "Maintenance: Database upgrade"]);
    const [first] = items;
    expect(textOf(child(first!, "link"))).toBe("https://status.acme.test/incidents/i_hostile");
    expect(child(first!, "guid").attributes).toEqual({ isPermaLink: "true" });
    expect(textOf(child(first!, "guid"))).toBe("https://status.acme.test/incidents/i_hostile");
    expect(textOf(child(first!, "pubDate"))).toBe("Wed, 14 Jan 2026 11:00:00 GMT");
    expect(childElements(first!, "category").map(textOf)).toEqual(["API", "Web <app>"]);
    // The description is the entry's HTML exactly, "]]>" and all.
    expect(textOf(child(first!, "description"))).toBe(entryHtml(hostile, channel.timeZone));
  });

  it("names the component in a component's feed and links to itself", () => {
    const one = parseXml(renderRss({ ...channel, component: { name: "Web <app>", slug: "web&more" } }, []));
    const c = child(one, "channel");
    expect(textOf(child(c, "title"))).toBe("Acme & Co Status: Web <app>");
    expect(child(c, "atom:link").attributes.href).toBe("https://status.acme.test/feed.rss?component=web%26more");
    expect(childElements(c, "item")).toEqual([]);
    expect(textOf(child(c, "lastBuildDate"))).toBe("Sun, 01 Jun 2025 00:00:00 GMT");
  });
});

describe("renderAtom", () => {
  const entries = selectFeedEntries([maintenance, hostile], { componentId: null });
  const feed = parseXml(renderAtom(channel, entries));

  it("is well-formed Atom 1.0 with the feed's required elements", () => {
    expect(feed.name).toBe("feed");
    expect(feed.attributes).toEqual({ xmlns: "http://www.w3.org/2005/Atom", "xml:lang": "en" });
    expect(textOf(child(feed, "id"))).toBe("https://status.acme.test/feed.atom");
    expect(textOf(child(feed, "title"))).toBe("Acme & Co Status");
    expect(textOf(child(feed, "updated"))).toBe("2026-01-14T11:00:00Z");
    const links = childElements(feed, "link").map((l) => l.attributes);
    expect(links).toEqual([
      { rel: "self", type: "application/atom+xml", href: "https://status.acme.test/feed.atom" },
      { rel: "alternate", type: "text/html", href: "https://status.acme.test" },
    ]);
    expect(textOf(child(child(feed, "author"), "name"))).toBe("Acme & Co");
  });

  it("has entries with id, title, updated, link and HTML content", () => {
    const [first, second] = childElements(feed, "entry");
    expect(textOf(child(first!, "id"))).toBe("https://status.acme.test/incidents/i_hostile");
    expect(textOf(child(first!, "title"))).toBe(`<script>alert("x")</script> & 'quotes' ]]> bell`);
    expect(textOf(child(first!, "updated"))).toBe("2026-01-14T11:00:00Z");
    expect(textOf(child(first!, "published"))).toBe("2026-01-14T09:30:00Z");
    expect(child(first!, "link").attributes).toEqual({ rel: "alternate", type: "text/html", href: "https://status.acme.test/incidents/i_hostile" });
    expect(childElements(first!, "category").map((c) => c.attributes)).toEqual([
      { term: "api", label: "API" },
      { term: "web", label: "Web <app>" },
    ]);
    const content = child(first!, "content");
    expect(content.attributes).toEqual({ type: "html" });
    expect(textOf(content)).toBe(entryHtml(hostile, channel.timeZone));
    expect(textOf(child(second!, "title"))).toBe("Maintenance: Database upgrade");
  });

  it("uses the fixed empty time when nothing is listed", () => {
    const empty = parseXml(renderAtom({ ...channel, component: { name: "API", slug: "api" } }, []));
    expect(textOf(child(empty, "updated"))).toBe("2025-06-01T00:00:00Z");
    expect(textOf(child(empty, "id"))).toBe("https://status.acme.test/feed.atom?component=api");
    expect(childElements(empty, "entry")).toEqual([]);
  });
});

describe("parseXml (the tests' well-formedness check)", () => {
  it.each([
    ["<a><b></a></b>", /closes/],
    ["<a>", /unclosed/],
    ["<a x=1/>", /unquoted/],
    ['<a x="1" x="2"/>', /duplicate/],
    ["<a>AT&T</a>", /bare/],
    ["<a>&nbsp;</a>", /bad entity/],
    ["<a>x ]]> y</a>", /]]>/],
    ["<a>\u0001</a>", /not allowed/],
    ["<a/><b/>", /second root/],
    ["<a><![CDATA[x</a>", /unterminated/],
  ])("rejects %j", (xml, message) => {
    expect(() => parseXml(xml)).toThrow(message);
  });
});
