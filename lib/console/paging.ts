import { z } from "zod";

// A console list's place in the URL (?q=…&page=…), so search and paging work without
// JavaScript and a link shows the same rows. A page past the end or a malformed number
// shows the first or last page instead of an error: it is a view, not a write.

export const LIST_QUERY_MAX = 100;

const pageNumber = z.coerce.number().int().min(1).catch(1);
const searchText = z
  .string()
  .catch("")
  .transform((q) => q.trim().slice(0, LIST_QUERY_MAX));

export interface ListQuery {
  q: string;
  page: number;
}

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/** `?q` and `?page` from a page's searchParams (pure): a repeated parameter counts once. */
export function parseListQuery(params: Record<string, string | string[] | undefined>): ListQuery {
  return { q: searchText.parse(first(params.q) ?? ""), page: pageNumber.parse(first(params.page) ?? 1) };
}

/** Whether `text` contains the search, ignoring case and accents (an empty search matches everything). */
export function matchesSearch(q: string, ...texts: (string | null | undefined)[]): boolean {
  if (q === "") return true;
  const needle = fold(q);
  return texts.some((t) => t != null && fold(t).includes(needle));
}

const fold = (text: string) => text.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase();

/** The number of pages for `total` rows (at least one, so an empty list still has a page 1). */
export function pageCount(total: number, size: number): number {
  return Math.max(1, Math.ceil(total / size));
}

/** The page to show: the asked one, kept within 1…pageCount. */
export function clampPage(page: number, total: number, size: number): number {
  return Math.min(Math.max(1, page), pageCount(total, size));
}

/** A list's URL for a search and page; the defaults (no search, page 1) leave the URL clean. */
export function listHref(path: string, { q, page }: ListQuery): string {
  const params = new URLSearchParams();
  if (q !== "") params.set("q", q);
  if (page > 1) params.set("page", String(page));
  const query = params.toString();
  return query ? `${path}?${query}` : path;
}
