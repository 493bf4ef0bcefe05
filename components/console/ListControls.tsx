import Link from "next/link";
import { type ListQuery, listHref } from "@/lib/console/paging";

// A console list's search box and pager: plain GET links and a GET form, so both work
// without JavaScript and the URL says what is shown.

const control = "rounded-md border border-zinc-300 px-3 py-1.5 text-sm dark:border-zinc-700";

export function SearchForm({ path, q, label, placeholder }: { path: string; q: string; label: string; placeholder: string }) {
  return (
    <search aria-label={label}>
      <form method="get" action={path} className="flex flex-wrap items-center gap-2">
        <label htmlFor="list-search" className="sr-only">
          {label}
        </label>
        <input
          id="list-search"
          type="search"
          name="q"
          defaultValue={q}
          placeholder={placeholder}
          maxLength={100}
          className="w-64 rounded-md border border-zinc-300 bg-white px-3 py-1.5 text-sm dark:border-zinc-700 dark:bg-zinc-900"
        />
        <button type="submit" className={control}>
          Search
        </button>
        {q !== "" && (
          <Link href={path} className="text-sm underline">
            Clear search
          </Link>
        )}
      </form>
    </search>
  );
}

/** Previous / next and where you are; nothing at all when everything fits on one page. */
export function Pager({ path, query, pages }: { path: string; query: ListQuery; pages: number }) {
  if (pages <= 1) return null;
  const { page } = query;
  return (
    <nav aria-label="Pages" className="flex items-center justify-between gap-2 text-sm">
      {page > 1 ? (
        <Link href={listHref(path, { ...query, page: page - 1 })} rel="prev" className={control}>
          ← Previous page
        </Link>
      ) : (
        <span />
      )}
      <span className="text-zinc-600 dark:text-zinc-400">
        Page {page} of {pages}
      </span>
      {page < pages ? (
        <Link href={listHref(path, { ...query, page: page + 1 })} rel="next" className={control}>
          Next page →
        </Link>
      ) : (
        <span />
      )}
    </nav>
  );
}
