import Link from "next/link";

// The console's navigation: inline on wide screens; on a phone one "Menu" button that opens
// the same links as a list (a <details>, so it works before any script has loaded and under
// the strict CSP), the sign-out last.

export interface NavLink {
  href: string;
  label: string;
}

const ACCOUNT = "/console/account";
// Tight enough that every link fits one line at 1280 px (the header spans the window there).
const linkClass = "whitespace-nowrap rounded px-1.5 py-1 hover:bg-zinc-100 dark:hover:bg-zinc-800";

export function ConsoleNav({ links, user, signOut }: { links: NavLink[]; user: { name: string; role: string }; signOut: () => Promise<void> }) {
  const signOutForm = (
    <form action={signOut}>
      <button type="submit" className="whitespace-nowrap rounded-md border border-zinc-300 px-2 py-1 text-sm dark:border-zinc-700">
        Sign out
      </button>
    </form>
  );
  return (
    <header className="border-b border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900">
      <div className="mx-auto flex max-w-6xl items-center justify-between gap-3 px-4 py-2 xl:max-w-none">
        <Link href="/console" className="whitespace-nowrap py-1 font-bold">
          Vigil console
        </Link>
        <nav aria-label="Console" className="hidden items-center gap-0.5 text-sm xl:flex">
          {links
            .filter((l) => l.href !== ACCOUNT)
            .map((l) => (
              <Link key={l.href} href={l.href} className={linkClass}>
                {l.label}
              </Link>
            ))}
        </nav>
        <div className="hidden items-center gap-3 text-sm xl:flex">
          <Link href={ACCOUNT} className={linkClass} title={`Your account (${user.role})`}>
            {user.name}
          </Link>
          {signOutForm}
        </div>
        <details className="group relative xl:hidden">
          <summary className="flex min-h-11 min-w-11 cursor-pointer list-none items-center justify-center rounded-md border border-zinc-300 px-3 text-sm font-medium dark:border-zinc-700 [&::-webkit-details-marker]:hidden">
            Menu
            <span aria-hidden="true" className="ml-1 group-open:rotate-180">
              ▾
            </span>
          </summary>
          <div className="absolute right-0 z-20 mt-2 w-64 rounded-lg border border-zinc-200 bg-white p-2 shadow-lg dark:border-zinc-700 dark:bg-zinc-900">
            <nav aria-label="Console menu">
              <ul className="grid text-base">
                {links.map((l) => (
                  <li key={l.href}>
                    <Link href={l.href} className="block rounded px-3 py-2.5 hover:bg-zinc-100 dark:hover:bg-zinc-800">
                      {l.label}
                    </Link>
                  </li>
                ))}
              </ul>
            </nav>
            <div className="mt-2 flex items-center justify-between gap-2 border-t border-zinc-200 px-3 pt-2 text-sm dark:border-zinc-700">
              <span>
                {user.name} <span className="text-zinc-500">({user.role})</span>
              </span>
              {signOutForm}
            </div>
          </div>
        </details>
      </div>
    </header>
  );
}
