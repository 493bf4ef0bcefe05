// Expected HTTP status codes, written by staff as "200-299,301" and stored as ranges.
// parseStatusRanges accepts every form the config schema accepts, including its own
// output, so a stored config parses again to the same value.

export interface StatusRange {
  from: number;
  to: number;
}

export type StatusRangesInput = string | number | ReadonlyArray<string | number | StatusRange>;

const MIN = 100;
const MAX = 599;

/** Ranges, or an error sentence naming the bad part. */
export function parseStatusRanges(input: StatusRangesInput): StatusRange[] | string {
  const parts: Array<string | number | StatusRange> = typeof input === "string" ? input.split(",") : typeof input === "number" ? [input] : [...input];
  const ranges: StatusRange[] = [];
  for (const part of parts) {
    const range = parsePart(part);
    if (typeof range === "string") return range;
    ranges.push(range);
  }
  if (ranges.length === 0) return "list at least one status code, e.g. 200-299";
  return ranges;
}

function parsePart(part: string | number | StatusRange): StatusRange | string {
  if (typeof part === "number") return checkRange(part, part, String(part));
  if (typeof part === "object") return checkRange(part.from, part.to, `${part.from}-${part.to}`);
  const text = part.trim();
  const match = /^(\d{3})(?:\s*-\s*(\d{3}))?$/.exec(text);
  if (!match) return `"${text}" is not a status code or range like 200-299`;
  const from = Number(match[1]);
  return checkRange(from, match[2] === undefined ? from : Number(match[2]), text);
}

function checkRange(from: number, to: number, text: string): StatusRange | string {
  if (!Number.isInteger(from) || !Number.isInteger(to) || from < MIN || to > MAX) {
    return `"${text}" is outside ${MIN}-${MAX}`;
  }
  if (from > to) return `"${text}" runs backwards`;
  return { from, to };
}

export function statusMatches(ranges: readonly StatusRange[], code: number): boolean {
  return ranges.some((r) => code >= r.from && code <= r.to);
}

/** Back to the form staff write: "200-299,301". */
export function formatStatusRanges(ranges: readonly StatusRange[]): string {
  return ranges.map((r) => (r.from === r.to ? String(r.from) : `${r.from}-${r.to}`)).join(",");
}
