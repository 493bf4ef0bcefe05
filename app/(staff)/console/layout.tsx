import Link from "next/link";
import { requireStaffPage } from "@/lib/auth/next-session";
import { can } from "@/lib/auth/roles";
import { signOut } from "../login/actions";

export default async function ConsoleLayout({ children }: { children: React.ReactNode }) {
  const { session, role } = await requireStaffPage();
  return (
    <>
      <header className="border-b border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900">
        <div className="mx-auto flex max-w-5xl flex-wrap items-center justify-between gap-3 px-4 py-3">
          <nav aria-label="Console" className="flex items-center gap-5 text-sm">
            <Link href="/console" className="font-bold">
              Vigil console
            </Link>
            <Link href="/console" className="hover:underline">
              Incidents
            </Link>
            <Link href="/console/components" className="hover:underline">
              Components
            </Link>
            <Link href="/console/templates" className="hover:underline">
              Templates
            </Link>
            <Link href="/console/subscribers" className="hover:underline">
              Subscribers
            </Link>
            {can(role, "team:manage") && (
              <Link href="/console/team" className="hover:underline">
                Team
              </Link>
            )}
            {can(role, "settings:manage") && (
              <Link href="/console/settings" className="hover:underline">
                Settings
              </Link>
            )}
            {can(role, "settings:manage") && (
              <Link href="/console/api-keys" className="hover:underline">
                API keys
              </Link>
            )}
            {can(role, "audit:read") && (
              <Link href="/console/audit" className="hover:underline">
                Audit log
              </Link>
            )}
            <Link href="/console/account" className="hover:underline">
              Account
            </Link>
            <Link href="/" className="hover:underline">
              Public page ↗
            </Link>
          </nav>
          <div className="flex items-center gap-3 text-sm">
            <span>
              {session.user.name} <span className="text-zinc-500">({role})</span>
            </span>
            <form action={signOut}>
              <button type="submit" className="rounded-md border border-zinc-300 px-2 py-1 dark:border-zinc-700">
                Sign out
              </button>
            </form>
          </div>
        </div>
      </header>
      <main id="main" className="mx-auto max-w-5xl space-y-6 px-4 py-8">
        {children}
      </main>
    </>
  );
}
