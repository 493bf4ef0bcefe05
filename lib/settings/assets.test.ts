import { describe, expect, it } from "vitest";
import { assetPath, parseAssetFileName, prepareAsset, sanitizeSvg, sniffImageType } from "./assets";

const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==", "base64");
const WEBP = Buffer.concat([Buffer.from("RIFF"), Buffer.from([0x1a, 0, 0, 0]), Buffer.from("WEBPVP8L"), Buffer.alloc(14)]);
const ICO = Buffer.from([0, 0, 1, 0, 1, 0, 16, 16, 0, 0]);
const svg = (body: string) => `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">${body}</svg>`;

describe("sniffImageType", () => {
  it.each([
    ["a PNG", PNG, "image/png"],
    ["a WebP", WEBP, "image/webp"],
    ["an ICO", ICO, "image/x-icon"],
    ["an SVG", Buffer.from(svg("")), "image/svg+xml"],
    [
      "an SVG after an XML declaration, a comment and a doctype",
      Buffer.from(`\uFEFF<?xml version="1.0"?>\n<!-- logo -->\n<!DOCTYPE svg>\n${svg("")}`),
      "image/svg+xml",
    ],
    ["HTML", Buffer.from("<html><svg></svg></html>"), null],
    ["a JPEG", Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]), null],
    ["text", Buffer.from("hello"), null],
  ])("%s → %s", (_what, bytes, type) => expect(sniffImageType(bytes)).toBe(type));
});

describe("asset file names", () => {
  it("carry the hash and the type, and read back", () => {
    const path = assetPath({ sha256: "ab".repeat(32), contentType: "image/svg+xml" });
    expect(path).toBe(`/assets/${"ab".repeat(16)}.svg`);
    expect(parseAssetFileName(path.slice("/assets/".length))).toBe("ab".repeat(16));
  });
  it.each(["x.png", `${"ab".repeat(16)}.exe`, `${"AB".repeat(16)}.png`, `../${"ab".repeat(16)}.png`])("refuse %j", (name) =>
    expect(parseAssetFileName(name)).toBeNull(),
  );
});

describe("prepareAsset", () => {
  it("keeps a PNG as it is, with its SHA-256", async () => {
    const asset = await prepareAsset("logo", PNG);
    expect(asset).toMatchObject({ contentType: "image/png", bytes: PNG });
    expect(asset.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it.each([
    ["an empty file", "logo", Buffer.alloc(0), /logo: choose a file/],
    ["a file over the limit", "logo", Buffer.concat([PNG, Buffer.alloc(600 * 1024)]), /logo: the file is 6\d\d KB; the limit is 512 KB/],
    ["a favicon over its smaller limit", "favicon", Buffer.concat([PNG, Buffer.alloc(200 * 1024)]), /limit is 128 KB/],
    ["a JPEG", "logo", Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]), /logo: this is not a PNG, SVG or WebP file/],
    ["an ICO as a logo", "logo", ICO, /not a PNG, SVG or WebP file/],
    ["a WebP as a favicon", "favicon", WEBP, /favicon: this is not a PNG, SVG or ICO file/],
  ] as const)("refuses %s, naming the field", async (_what, kind, bytes, message) => {
    const error = await prepareAsset(kind, bytes).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "invalid", message: expect.stringMatching(message), fields: { [kind]: expect.any(String) } });
  });
});

describe("sanitizeSvg", () => {
  const clean = async (body: string) => (await sanitizeSvg(svg(body))).toString("utf8");

  it.each([
    ["a script element", `<script>alert(1)</script><rect width="1" height="1"/>`, /<script/i],
    ["an event handler", `<rect width="1" height="1" onclick="alert(1)"/>`, /onclick/i],
    ["a javascript: link", `<a href="javascript:alert(1)"><rect width="1" height="1"/></a>`, /javascript:/i],
    ["foreignObject with HTML", `<foreignObject><div>x</div></foreignObject>`, /foreignObject/i],
    ["an outside image", `<image href="https://tracker.example/x.png"/>`, /tracker\.example/],
    ["a CSS import", `<style>@import url(https://evil.example/x.css); .a{fill:red}</style>`, /evil\.example/],
    ["a CSS url() to another site", `<style>.a{fill:url(https://evil.example/p)}</style>`, /evil\.example/],
  ])("removes %s", async (_what, body, banned) => expect(await clean(body)).not.toMatch(banned));

  it("keeps the drawing, its styles, in-file references and embedded images", async () => {
    const out = await clean(
      `<defs><linearGradient id="g"><stop offset="0" stop-color="#000"/></linearGradient></defs><style>.a{fill:url(#g)}</style><rect class="a" width="10" height="10"/><image href="data:image/png;base64,AAAA"/>`,
    );
    expect(out).toContain("<linearGradient");
    expect(out).toContain(".a{fill:url(#g)}");
    expect(out).toContain('<rect class="a" width="10" height="10"');
    expect(out).toContain('href="data:image/png;base64,AAAA"');
  });

  it("an SVG upload is stored sanitised, hashed as stored", async () => {
    const asset = await prepareAsset("logo", Buffer.from(svg(`<script>alert(1)</script><circle r="4"/>`)));
    expect(asset.contentType).toBe("image/svg+xml");
    expect(asset.bytes.toString("utf8")).not.toContain("script");
    expect(asset.bytes.toString("utf8")).toContain("<circle");
  });
});
