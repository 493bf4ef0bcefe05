import { describe, expect, it } from "vitest";
import {
  DISCORD_LIMITS,
  SLACK_LIMITS,
  discordEmbedSize,
  markdownForDiscord,
  markdownToMrkdwn,
  renderDiscordMessage,
  renderSlackMessage,
  truncateMrkdwn,
  type SlackBlock,
  type SlackText,
} from "./chat";
import { component, incidentEvent, maintenanceEvent, update } from "./fixtures";
import type { AlertEvent } from "../event";

const links = { incidentUrl: "https://status.tallyworks.example/incidents/inc1" };
const slack = (event: AlertEvent) => renderSlackMessage(event, links);
const discord = (event: AlertEvent) => renderDiscordMessage(event, links);
const block = <T extends SlackBlock["type"]>(blocks: SlackBlock[], type: T, nth = 0) =>
  blocks.filter((b): b is Extract<SlackBlock, { type: T }> => b.type === type)[nth]!;
const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

describe("markdownToMrkdwn", () => {
  it.each([
    ["**bold** and __bold__", "*bold* and *bold*"],
    ["*em* and _em_", "_em_ and _em_"],
    ["***both***", "*_both_*"],
    ["~~gone~~", "~gone~"],
    ["[Hubdoc](https://hubdoc.example/s?a=1&b=2)", "<https://hubdoc.example/s?a=1&amp;b=2|Hubdoc>"],
    ["**[bold link](https://x.example)**", "*<https://x.example|bold link>*"],
    ["[pipe|text](https://x.example/a|b)", "<https://x.example/a%7Cb|pipe|text>"],
    ["[wiki](https://en.wikipedia.example/wiki/Foo_(bar)) after", "<https://en.wikipedia.example/wiki/Foo_(bar)|wiki> after"],
    ["[click](javascript:alert(1))", "click"],
    ["<https://example.com/a>", "<https://example.com/a>"],
    ["R&D <b>x</b> <!channel> <@U123>", "R&amp;D &lt;b&gt;x&lt;/b&gt; &lt;!channel&gt; &lt;@U123&gt;"],
    ["`a <b> **c**`", "`a &lt;b&gt; **c**`"],
    ["# Heading", "*Heading*"],
    ["### Update ###", "*Update*"],
    ["- one\n* two\n  + three", "• one\n• two\n  • three"],
    ["> quoted **text**", "> quoted *text*"],
    ["---", "───"],
    ["```\n**not bold** <x>\n```", "```\n**not bold** &lt;x&gt;\n```"],
    ["```\nnever closed", "```\nnever closed\n```"],
    ["snake_case_name and 2*3*4", "snake_case_name and 2_3_4"],
    ["line one\r\nline two", "line one\nline two"],
  ])("%j → %j", (markdown, expected) => {
    expect(markdownToMrkdwn(markdown)).toBe(expected);
  });
});

describe("truncateMrkdwn", () => {
  it("leaves short text alone and cuts long text to the limit with an ellipsis", () => {
    expect(truncateMrkdwn("short", 10)).toBe("short");
    const out = truncateMrkdwn("word ".repeat(1000), 3000);
    expect(out.length).toBeLessThanOrEqual(3000);
    expect(out.endsWith("word…")).toBe(true);
  });

  it("never ends inside a link or an entity", () => {
    const text = `${"a".repeat(2980)} <https://example.com/${"x".repeat(40)}|a link> more`;
    const out = truncateMrkdwn(text, 3000);
    expect(out.length).toBeLessThanOrEqual(3000);
    expect(out.lastIndexOf("<")).toBeLessThan(out.lastIndexOf(">") + 1);
    expect(out).not.toContain("<https");
    const amp = truncateMrkdwn(`${"b".repeat(2994)}&amp;&amp;&amp;`, 3000);
    expect(amp).toMatch(/(b|&amp;)…$/);
  });

  it("closes a code block it cut into", () => {
    const out = truncateMrkdwn(`intro\n\`\`\`\n${"code line\n".repeat(500)}\`\`\``, 3000);
    expect(out.length).toBeLessThanOrEqual(3000);
    expect(out.endsWith("…\n```")).toBe(true);
    expect(out.match(/```/g)).toHaveLength(2);
  });

  it("never splits a surrogate pair", () => {
    const out = truncateMrkdwn("🔥".repeat(2000), 3000);
    expect(out.length).toBeLessThanOrEqual(3000);
    expect(out).not.toMatch(loneSurrogate);
  });
});

describe("renderSlackMessage", () => {
  it("has a header, status and impact, the update, components and time, and a button", () => {
    const message = slack(incidentEvent());
    expect(message.text).toBe("[Tallyworks] Investigating – Hubdoc imports delayed <https://status.tallyworks.example/incidents/inc1|View incident>");
    expect(block(message.blocks, "header").text).toEqual({ type: "plain_text", text: "Hubdoc imports delayed", emoji: true });
    expect(block(message.blocks, "section", 0).fields?.map((f) => f.text)).toEqual(["*Status*\nInvestigating", "*Impact*\nMinor"]);
    expect(block(message.blocks, "section", 1).text?.text).toBe("We are *investigating* delays with <https://hubdoc.example/status|Hubdoc> imports.");
    const context = block(message.blocks, "context").elements.map((e) => e.text);
    expect(context[0]).toBe("*Affected:* Hubdoc: Degraded Performance (was Operational)");
    // Slack shows the time in each reader's zone, falling back to the page's.
    expect(context[1]).toBe("Posted <!date^1795741500^{date_short_pretty} at {time}|Nov 27, 2026, 14:05 NZDT (Pacific/Auckland)> · Tallyworks status");
    expect(block(message.blocks, "actions").elements[0]).toMatchObject({ type: "button", url: links.incidentUrl, text: { text: "View incident" } });
    expect(message.unfurl_links).toBe(false);
  });

  it("shows the window for maintenance instead of an impact", () => {
    const fields = block(slack(maintenanceEvent("maintenance.scheduled")).blocks, "section").fields!.map((f) => f.text);
    expect(fields[0]).toBe("*Status*\nScheduled");
    expect(fields[1]).toMatch(/^\*Window\*\n<!date\^1795870800\^.*> to <!date\^1795878000\^/);
  });

  it("escapes names so they cannot mention or link", () => {
    const e = incidentEvent({ page: { ...incidentEvent().page, name: "<!channel> & co" }, incident: { name: "<!here> <https://evil.example|x>" } });
    const message = slack(e);
    expect(message.text).toContain("[&lt;!channel&gt; &amp; co] Investigating – &lt;!here&gt;");
    // The header is plain text: shown literally, never parsed.
    expect(block(message.blocks, "header").text.text).toBe("<!here> <https://evil.example|x>");
  });

  it("keeps within Slack's limits", () => {
    const many = Array.from({ length: 400 }, (_, i) => ({
      id: `c${i}`,
      name: `Component number ${i}`,
      oldStatus: "operational" as const,
      newStatus: "major_outage" as const,
    }));
    const e = incidentEvent({ update: update({ body: "A long update. ".repeat(1000), affectedComponents: many }), incident: { name: "N".repeat(300) } });
    const { blocks } = slack(e);
    expect(block(blocks, "header").text.text).toHaveLength(SLACK_LIMITS.headerText);
    expect(block(blocks, "header").text.text.endsWith("…")).toBe(true);
    const section = block(blocks, "section", 1).text!.text;
    expect(section.length).toBeLessThanOrEqual(SLACK_LIMITS.sectionText);
    expect(section.endsWith("update.…") || section.endsWith("A long…") || section.endsWith("long update.…")).toBe(true);
    const affected = block(blocks, "context").elements[0]!.text;
    expect(affected.length).toBeLessThanOrEqual(SLACK_LIMITS.contextText);
    expect(affected).toMatch(/ and \d+ more$/);
    const texts = blocks.flatMap((b): SlackText[] =>
      "text" in b && b.text ? [b.text] : "fields" in b && b.fields ? b.fields : "elements" in b ? (b.elements as SlackText[]) : [],
    );
    for (const t of texts) expect(t.text?.length ?? 0).toBeLessThanOrEqual(SLACK_LIMITS.sectionText);
  });
});

describe("renderDiscordMessage", () => {
  it("has content, one embed with title, link, description, colour, fields and timestamp, and pings no one", () => {
    const message = discord(incidentEvent({ update: update({ body: "# Cause\n@everyone **bold**" }) }));
    expect(message.content).toBe("[Tallyworks] Investigating – Hubdoc imports delayed");
    expect(message.allowed_mentions).toEqual({ parse: [] });
    expect(message.embeds[0]).toEqual({
      title: "Hubdoc imports delayed",
      url: links.incidentUrl,
      description: "**Cause**\n@everyone **bold**",
      color: 0xd29922,
      fields: [
        { name: "Status", value: "Investigating", inline: true },
        { name: "Impact", value: "Minor", inline: true },
        { name: "Hubdoc", value: "Degraded Performance (was Operational)", inline: true },
      ],
      timestamp: "2026-11-27T01:05:00.000Z",
      footer: { text: "Tallyworks status" },
    });
  });

  it.each([
    [incidentEvent({ incident: { impact: "critical" } }), 0xda3633],
    [incidentEvent({ incident: { impact: "major" } }), 0xdb6d28],
    [incidentEvent({ incident: { impact: "none" } }), 0x8b949e],
    [incidentEvent({ kind: "incident.resolved", update: update({ status: "resolved" }), incident: { impact: "critical" } }), 0x2ea043],
    [maintenanceEvent("maintenance.started"), 0x1f6feb],
    [maintenanceEvent("maintenance.completed"), 0x2ea043],
  ])("colours by status and impact (%#)", (event, color) => {
    expect(discord(event).embeds[0].color).toBe(color);
  });

  it("shows a maintenance window field", () => {
    expect(discord(maintenanceEvent("maintenance.scheduled")).embeds[0].fields[1]).toEqual({
      name: "Window",
      value: "Nov 29, 2026, 02:00 – 04:00 NZDT (Pacific/Auckland)",
      inline: false,
    });
  });

  it("keeps within Discord's limits: 25 fields, 1024 per value, 4096 description, 6000 in all", () => {
    const many = Array.from({ length: 40 }, (_, i) => component(`c${i}`, `${"Very long component name ".repeat(12)}${i}`, { status: "major_outage" }));
    const e = incidentEvent({
      update: update({ body: "🔥 Long update text. ".repeat(800), affectedComponents: null }),
      incident: { name: "T".repeat(300), components: many },
    });
    const embed = discord(e).embeds[0];
    expect(embed.title).toHaveLength(DISCORD_LIMITS.title);
    expect(embed.fields.length).toBeLessThanOrEqual(DISCORD_LIMITS.fields);
    for (const f of embed.fields) {
      expect(f.name.length).toBeLessThanOrEqual(DISCORD_LIMITS.fieldName);
      expect(f.value.length).toBeLessThanOrEqual(DISCORD_LIMITS.fieldValue);
      expect(f.value.length).toBeGreaterThan(0);
    }
    expect(embed.fields.at(-1)!.name).toBe(`And ${40 - (embed.fields.length - 3)} more`);
    expect(embed.description!.length).toBeLessThanOrEqual(DISCORD_LIMITS.description);
    expect(embed.description!.length).toBeGreaterThanOrEqual(2000);
    expect(embed.description!.endsWith("…")).toBe(true);
    expect(embed.description).not.toMatch(loneSurrogate);
    expect(discordEmbedSize(embed)).toBeLessThanOrEqual(DISCORD_LIMITS.embedTotal);
  });

  it("uses at most 25 fields, the last listing the components that did not get one", () => {
    const many = Array.from({ length: 40 }, (_, i) => component(`c${i}`, `C${i}`, { status: "partial_outage" }));
    const embed = discord(incidentEvent({ update: update({ affectedComponents: null }), incident: { components: many } })).embeds[0];
    expect(embed.fields).toHaveLength(25);
    expect(embed.fields[24]).toEqual({
      name: "And 18 more",
      value: Array.from({ length: 18 }, (_, i) => `C${i + 22}: Partial Outage`).join("\n"),
      inline: false,
    });
    // Exactly 23 components: all fit without a summary field.
    const fit = discord(incidentEvent({ update: update({ affectedComponents: null }), incident: { components: many.slice(0, 23) } })).embeds[0];
    expect(fit.fields).toHaveLength(25);
    expect(fit.fields[24]!.name).toBe("C22");
  });

  it("cuts a long description at its own limit when the rest is small", () => {
    const embed = discord(incidentEvent({ update: update({ body: "word ".repeat(2000) }) })).embeds[0];
    expect(embed.description!.length).toBeLessThanOrEqual(DISCORD_LIMITS.description);
    expect(embed.description!.length).toBeGreaterThan(DISCORD_LIMITS.description - 10);
    expect(embed.description!.endsWith("word…")).toBe(true);
  });

  it("turns headings into bold lines, but not inside code", () => {
    expect(markdownForDiscord("## Cause\n```\n# comment\n```")).toBe("**Cause**\n```\n# comment\n```");
  });
});
