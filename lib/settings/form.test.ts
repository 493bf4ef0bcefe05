import { describe, expect, it } from "vitest";
import { pageSettingsFromForm } from "./form";
import { PageSettingsInput } from "./schemas";

const base = { name: "Acme", url: "https://status.acme.test", timeZone: "Europe/Berlin", locale: "de-DE" };

describe("pageSettingsFromForm + PageSettingsInput", () => {
  it("reads a filled form", () => {
    const parsed = PageSettingsInput.parse(
      pageSettingsFromForm({
        ...base,
        brandColor: "#0B7285",
        supportUrl: "help@acme.test",
        "footerLinks.0.label": "Privacy",
        "footerLinks.0.url": "https://acme.test/privacy",
        "footerLinks.1.label": "",
        "footerLinks.1.url": "",
        aboutMarkdown: "",
        metaDescription: "  Live status of Acme  ",
      }),
    );
    expect(parsed).toEqual({
      ...base,
      url: "https://status.acme.test",
      brandColor: "#0b7285",
      supportUrl: "mailto:help@acme.test",
      footerLinks: [{ label: "Privacy", url: "https://acme.test/privacy" }],
      aboutMarkdown: null,
      metaDescription: "Live status of Acme",
    });
  });

  it.each([
    [{ name: "" }, "name", /needs a name/],
    [{ url: "status.acme.test" }, "url", /full address/],
    [{ url: "http://status.acme.test" }, "url", /use https/],
    [{ url: "https://acme.test/status" }, "url", /root of a host/],
    [{ url: "https://user:pw@acme.test" }, "url", /user name or password/],
    [{ timeZone: "Mars/Olympus" }, "timeZone", /time zone/],
    [{ locale: "xx-XX" }, "locale", /choose one of/],
    [{ brandColor: "teal" }, "brandColor", /#rrggbb/],
    [{ supportUrl: "call us" }, "supportUrl", /https:\/\/ address or an email/],
    [{ "footerLinks.0.label": "Privacy", "footerLinks.0.url": "javascript:alert(1)" }, "footerLinks.0.url", /https:\/\//],
    [{ "footerLinks.2.url": "https://acme.test/terms" }, "footerLinks.0.label", /label/],
    [{ metaDescription: "x".repeat(201) }, "metaDescription", /200/],
  ] as const)("refuses %j with a message on %s", (change, field, message) => {
    const result = PageSettingsInput.safeParse(pageSettingsFromForm({ ...base, ...change }));
    expect(result.success).toBe(false);
    const issue = result.error!.issues.find((i) => i.path.join(".") === field);
    expect(issue?.message).toMatch(message);
  });

  it.each(["http://localhost:3000", "http://127.0.0.1:8080/", "http://status.localhost", "https://status.acme.test/"])("accepts %s as the address", (url) => {
    expect(PageSettingsInput.parse({ url }).url).toBe(new URL(url).origin);
  });

  it("a PATCH changes only what it names", () => {
    expect(PageSettingsInput.parse({ brandColor: null })).toEqual({ brandColor: null });
    expect(() => PageSettingsInput.parse({ colour: "#000000" })).toThrow();
  });
});
