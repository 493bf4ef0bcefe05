// Accept-Encoding negotiation (RFC 9110 §12.5.3): which of the codings we hold
// pre-compressed a client gets, or null for the plain bytes.
//
// - The highest q wins; q=0 means "never"; a coding the header does not name is
//   acceptable only through "*". A malformed q counts as 0: when unsure, send plain bytes.
// - Ties go to the coding the client lists first, then to the order of `offered`.
//   Browsers list "gzip, deflate, br" (gzip first), so they get gzip: the contract the
//   integration tests pin ("gzip, br" → gzip). Brotli goes to clients that rank it
//   first or higher. Preferring it on a tie is a one-line change here, plus those tests.
// - No header, or an empty one, gets the plain bytes (as before), though the RFC would
//   allow any coding. Identity refused too (identity;q=0) still gets the plain bytes
//   rather than a 406: a status page should answer.

export type ContentCoding = "br" | "gzip";

interface Preference {
  q: number;
  /** Position in the header, for ties. */
  order: number;
}

function parse(header: string): Map<string, Preference> {
  const preferences = new Map<string, Preference>();
  header.split(",").forEach((part, order) => {
    const [name, ...params] = part.split(";").map((s) => s.trim());
    if (!name) return;
    let q = 1;
    for (const param of params) {
      const [key, value] = param.split("=").map((s) => s.trim());
      if (key?.toLowerCase() !== "q") continue;
      q = value !== undefined && /^(?:0(?:\.\d{0,3})?|1(?:\.0{0,3})?)$/.test(value) ? Number(value) : 0;
    }
    // RFC 9110 §8.4.1.3: x-gzip is gzip.
    const coding = name.toLowerCase() === "x-gzip" ? "gzip" : name.toLowerCase();
    // A coding named twice: the first mention counts, as most servers read it.
    if (!preferences.has(coding)) preferences.set(coding, { q, order });
  });
  return preferences;
}

/** The coding to answer with, from `offered` (in our order of preference for equal footing), or null for identity. */
export function negotiateEncoding(header: string | null, offered: readonly ContentCoding[]): ContentCoding | null {
  if (!header?.trim()) return null;
  const preferences = parse(header);
  const wildcard = preferences.get("*");
  let best: { coding: ContentCoding; q: number; order: number } | null = null;
  for (const coding of offered) {
    const preference = preferences.get(coding) ?? wildcard;
    if (!preference || preference.q <= 0) continue;
    if (!best || preference.q > best.q || (preference.q === best.q && preference.order < best.order)) {
      best = { coding, ...preference };
    }
  }
  return best?.coding ?? null;
}
