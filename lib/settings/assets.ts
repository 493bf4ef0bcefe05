import { createHash } from "node:crypto";
import { InvalidInputError } from "../errors";

// Uploaded logos and favicons: the type is read from the bytes (a file name or a browser's
// Content-Type says nothing), sizes are capped, and SVG is sanitised with DOMPurify before
// it is stored. Served at /assets/<hash>.<ext> with a year's cache and a sandboxing CSP
// (app/assets/[file]/route.ts), so a logo change is a new URL and an SVG opened directly
// runs nothing.

export const ASSET_KINDS = ["logo", "favicon"] as const;
export type AssetKind = (typeof ASSET_KINDS)[number];

const TYPES = {
  "image/png": "png",
  "image/webp": "webp",
  "image/svg+xml": "svg",
  "image/x-icon": "ico",
} as const;
export type AssetType = keyof typeof TYPES;

export const ASSET_RULES: Record<AssetKind, { types: readonly AssetType[]; maxBytes: number; label: string }> = {
  logo: { types: ["image/png", "image/svg+xml", "image/webp"], maxBytes: 512 * 1024, label: "PNG, SVG or WebP, up to 512 KB" },
  favicon: { types: ["image/png", "image/svg+xml", "image/x-icon"], maxBytes: 128 * 1024, label: "PNG, SVG or ICO, up to 128 KB" },
};

export interface PreparedAsset {
  contentType: AssetType;
  bytes: Buffer;
  sha256: string;
}

const startsWith = (bytes: Buffer, signature: number[], at = 0) => signature.every((b, i) => bytes[at + i] === b);

/** The image type the bytes are, or null. SVG: text whose first element is <svg>. */
export function sniffImageType(bytes: Buffer): AssetType | null {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "image/png";
  if (startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) && startsWith(bytes, [0x57, 0x45, 0x42, 0x50], 8)) return "image/webp";
  if (startsWith(bytes, [0x00, 0x00, 0x01, 0x00]) && bytes.length > 6) return "image/x-icon";
  const head = bytes
    .subarray(0, 4096)
    .toString("utf8")
    .replace(/^\uFEFF/, "");
  // An XML declaration, comments and a doctype may come before the root element.
  const rest = head.replace(/^\s*(<\?xml[^>]*\?>\s*)?((<!--[\s\S]*?-->|<!DOCTYPE[^>]*>)\s*)*/i, "");
  if (/^<svg[\s>]/i.test(rest)) return "image/svg+xml";
  return null;
}

export function assetExtension(type: AssetType): string {
  return TYPES[type];
}

/** The URL an asset is served at: its hash, so it can be cached forever. */
export function assetPath(asset: { sha256: string; contentType: string }): string {
  const ext = (TYPES as Record<string, string>)[asset.contentType] ?? "bin";
  return `/assets/${asset.sha256.slice(0, 32)}.${ext}`;
}

/** `<hash-prefix>.<ext>` back to the prefix, or null for a name no asset has. */
export function parseAssetFileName(name: string): string | null {
  const m = /^([0-9a-f]{32})\.(png|webp|svg|ico)$/.exec(name);
  return m ? m[1]! : null;
}

/** Checks and cleans an upload; throws a message for the form or API naming what is wrong. */
export async function prepareAsset(kind: AssetKind, bytes: Buffer): Promise<PreparedAsset> {
  const rules = ASSET_RULES[kind];
  const refuse = (message: string) => new InvalidInputError(`${kind}: ${message}`, { [kind]: message });
  if (bytes.length === 0) throw refuse(`choose a file (${rules.label})`);
  if (bytes.length > rules.maxBytes) throw refuse(`the file is ${Math.ceil(bytes.length / 1024)} KB; the limit is ${rules.maxBytes / 1024} KB`);
  const type = sniffImageType(bytes);
  if (!type || !rules.types.includes(type)) throw refuse(`this is not a ${rules.label.replace(/, up to.*/, "")} file`);
  const clean =
    type === "image/svg+xml"
      ? await sanitizeSvg(bytes.toString("utf8")).catch(() =>
          Promise.reject(refuse("the SVG has no drawing left once scripts and outside references are removed")),
        )
      : bytes;
  return { contentType: type, bytes: clean, sha256: createHash("sha256").update(clean).digest("hex") };
}

/**
 * DOMPurify's SVG profile (no scripts, event handlers, foreignObject or javascript: links),
 * and references only within the file or to embedded images, so a logo never fetches
 * anything. jsdom is loaded on the first SVG upload only: it is large and nothing else needs it.
 */
export async function sanitizeSvg(text: string): Promise<Buffer> {
  const [{ JSDOM }, { default: createDOMPurify }] = await Promise.all([import("jsdom"), import("dompurify")]);
  const purify = createDOMPurify(new JSDOM("").window);
  purify.addHook("uponSanitizeAttribute", (_node, data) => {
    if ((data.attrName === "href" || data.attrName === "xlink:href") && !/^(#|data:image\/(png|jpeg|webp|gif);)/i.test(data.attrValue.trim())) {
      data.keepAttr = false;
    }
  });
  purify.addHook("uponSanitizeElement", (node, data) => {
    // CSS can fetch too: @import and url(...) to anything but a fragment.
    if (data.tagName === "style" && node.textContent)
      node.textContent = node.textContent.replace(/@import[^;]*;?/gi, "").replace(/url\(\s*(?!['"]?#)[^)]*\)/gi, "none");
  });
  const clean = purify.sanitize(text, { USE_PROFILES: { svg: true, svgFilters: true } });
  if (!/^<svg[\s>]/i.test(clean)) throw new InvalidInputError("the SVG has no drawing left once scripts and outside references are removed");
  return Buffer.from(clean, "utf8");
}
