import { describe, expect, it } from "vitest";
import { OWN_CATALOGUES } from "./catalogues";
import { makeTranslator, translator } from "./translate";

describe("translator", () => {
  it("formats plurals by the locale's rules", () => {
    expect(translator("en-US").t("components.count", { count: 1 })).toBe("1 component");
    expect(translator("en-US").t("components.count", { count: 3 })).toBe("3 components");
    expect(translator("de-DE").t("components.count", { count: 1 })).toBe("1 Komponente");
    expect(translator("de-DE").t("components.count", { count: 12 })).toBe("12 Komponenten");
    expect(translator("ja-JP").t("components.count", { count: 2 })).toBe("2 件のコンポーネント");
  });

  it("says statuses as a native status page would", () => {
    expect(translator("de-DE").t("banner.none")).toBe("Alle Systeme betriebsbereit");
    expect(translator("ja-JP").t("banner.none")).toBe("すべてのシステムが正常に稼働しています");
    expect(translator("fr-FR").t("banner.none")).toBe("Tous les systèmes sont opérationnels");
  });

  it("takes en-GB's own words where it has them, en-US's elsewhere", () => {
    expect(translator("en-GB").t("incident.postmortem")).toBe("Post-mortem");
    expect(translator("en-GB").t("home.noIncidents")).toBe("No incidents reported.");
  });

  it("says a key its catalogue lacks in English", () => {
    const { "home.noIncidents": _dropped, ...partial } = OWN_CATALOGUES["de-DE"];
    const t = makeTranslator("de-DE", partial);
    expect(t.t("home.noIncidents")).toBe("No incidents reported.");
    expect(t.t("banner.none")).toBe("Alle Systeme betriebsbereit");
    expect(t.t("components.count", { count: 2 })).toBe("2 Komponenten");
  });

  it("falls back to the English text when a message cannot be formatted, and to the key when English has none", () => {
    // No value for {page}: intl-messageformat throws in German and in English; the English text is better than nothing.
    expect(translator("de-DE").t("meta.pageTitle")).toBe("{page} Status");
    expect(translator("de-DE").t("nope.unknown" as never)).toBe("nope.unknown");
  });

  it("selects and nests", () => {
    const t = translator("en-US");
    expect(t.t("email.confirm.asked", { scope: "all", components: "", page: "Acme" })).toBe(
      "Someone, hopefully you, asked to receive all status updates from Acme at this address.",
    );
    expect(t.t("email.confirm.asked", { scope: "some", components: "API and Web", page: "Acme" })).toContain("updates about API and Web from Acme");
  });

  it("returns parts for tags, for React elements", () => {
    const parts = translator("en-US").rich("subscribe.manageLink", { link: (chunks: unknown[]) => ({ a: chunks.join("") }) });
    expect(parts[0]).toEqual({ a: "Manage this subscription" });
    expect(parts[1]).toMatch(/^ \(keep this link/);
  });

  it("joins lists in the locale", () => {
    expect(translator("en-US").list(["A", "B", "C"])).toBe("A, B, and C");
    expect(translator("de-DE").list(["A", "B", "C"])).toBe("A, B und C");
  });
});
