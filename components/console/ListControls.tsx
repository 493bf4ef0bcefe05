import Link from "next/link";

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
export function Pager({
  page,
  pages,
  href,
  previous = "← Previous page",
  next = "Next page →",
  note = "",
}: {
  page: number;
  pages: number;
  /** The URL of page `n` with the list's other parameters kept. */
  href: (n: number) => string;
  previous?: string;
  next?: string;
  /** After "Page 2 of 9", e.g. " (420 subscribers)". */
  note?: string;
}) {
  if (pages <= 1) return null;
  return (
    <nav aria-label="Pages" className="flex items-center gap-4 text-sm">
      {page > 1 && (
        <Link href={href(page - 1)} rel="prev" className="underline">
          {previous}
        </Link>
      )}
      <span>
        Page {page} of {pages}
        {note}
      </span>
      {page < pages && (
        <Link href={href(page + 1)} rel="next" className="underline">
          {next}
        </Link>
      )}
    </nav>
  );
}
