import { createHash } from "node:crypto";

// The `sha256-…` CSP sources of a page's inline scripts, so a cached page (one body for
// every visitor) can carry a strict policy without a shared nonce. The HTML is our own
// render's (React escapes `</script>` inside scripts), so the first `</script>` after an
// opening tag ends it; a script with `src` is covered by 'self' instead.
const INLINE_SCRIPT = /<script\b(?![^>]*\ssrc=)[^>]*>([\s\S]*?)<\/script>/gi;

export function inlineScriptHashes(html: string): string[] {
  const hashes = new Set<string>();
  for (const match of html.matchAll(INLINE_SCRIPT)) {
    const content = match[1]!;
    if (content === "") continue;
    hashes.add(`sha256-${createHash("sha256").update(content, "utf8").digest("base64")}`);
  }
  return [...hashes];
}
