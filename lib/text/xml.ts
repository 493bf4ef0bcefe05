// Text into XML (feeds, SVG badges): one escaper for every XML the app writes.

// Everything outside XML 1.0's Char production: C0 controls other than tab, LF and CR,
// lone surrogates (matched as code points under /u), U+FFFE and U+FFFF. XML cannot
// carry these even escaped, so they are dropped.
const INVALID_XML_CHARS = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

export function stripInvalidXmlChars(text: string): string {
  return text.replace(INVALID_XML_CHARS, "");
}

const XML_ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" };

/** Text safe in element content and in double- or single-quoted attribute values. */
export function escapeXml(text: string): string {
  return stripInvalidXmlChars(text).replace(/[&<>"']/g, (c) => XML_ENTITIES[c]!);
}
