import type { Metadata } from "next";
import Link from "next/link";
import { requireStaffPage } from "@/lib/auth/next-session";
import { db } from "@/lib/db";
import { loadPageSetting } from "@/lib/public/queries";
import { AUDIT_PAGE_SIZE, listAuditEvents } from "@/lib/team/queries";
import { AuditQuery } from "@/lib/team/schemas";
import { formatDateTime } from "@/lib/time/zoned";

export const metadata: Metadata = { title: "Audit log · Vigil console" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

function changeSummary(before: string | null, after: string | null): string {
  const parts = [before && `before ${before}`, after && `after ${after}`].filter(Boolean);
  return parts.join(" · ").slice(0, 400);
}

export default async function AuditPage({ searchParams }: Props) {
  await requireStaffPage("audit:read");
  const filter = AuditQuery.parse(await searchParams);
  const [events, page] = await Promise.all([listAuditEvents(db(), filter), loadPageSetting(db())]);
  const last = events.at(-1);
  const older = new URLSearchParams({ ...(filter.action ? { action: filter.action } : {}), ...(filter.actor ? { actor: filter.actor } : {}) });
  if (last) older.set("before", last.at.toISOString());
  return (
    <>
      <h1 className="text-2xl font-bold">Audit log</h1>
      {/* biome-ignore lint/a11y/useSemanticElements: a GET form is the search landmark; <search> would add a wrapper for nothing */}
      <form className="flex flex-wrap items-end gap-3 text-sm" role="search">
        <label>
          Action starts with
          <input
            name="action"
            defaultValue={filter.action}
            placeholder="auth., incident., mfa."
            className="ml-2 rounded-md border border-zinc-300 px-2 py-1 dark:border-zinc-700 dark:bg-zinc-900"
          />
        </label>
        <label>
          Who (email contains)
          <input name="actor" defaultValue={filter.actor} className="ml-2 rounded-md border border-zinc-300 px-2 py-1 dark:border-zinc-700 dark:bg-zinc-900" />
        </label>
        <button type="submit" className="rounded-md border border-zinc-300 px-3 py-1 dark:border-zinc-700">
          Filter
        </button>
      </form>
      <table className="cards w-full rounded-lg border border-zinc-200 bg-white text-sm dark:border-zinc-800 dark:bg-zinc-900">
        <thead className="bg-zinc-50 text-left dark:bg-zinc-800">
          <tr>
            <th className="px-3 py-2">When</th>
            <th className="px-3 py-2">Who</th>
            <th className="px-3 py-2">From</th>
            <th className="px-3 py-2">What</th>
            <th className="px-3 py-2">Change</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-200 dark:divide-zinc-800">
          {events.map((e) => (
            <tr key={e.id} data-action={e.action}>
              <td className="whitespace-nowrap px-3 py-2">{formatDateTime(e.at, page.timeZone)}</td>
              <td className="px-3 py-2">{e.actorEmail ?? "system"}</td>
              <td className="px-3 py-2">{e.ip ?? ""}</td>
              <td className="px-3 py-2 font-mono text-xs">
                {e.action}
                {e.targetType && <span className="text-zinc-500"> {e.targetType}</span>}
              </td>
              <td className="break-all px-3 py-2 font-mono text-xs text-zinc-600 dark:text-zinc-400">{changeSummary(e.before, e.after)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {events.length === AUDIT_PAGE_SIZE && (
        <Link href={`/console/audit?${older.toString()}`} className="text-sm underline">
          Older events →
        </Link>
      )}
    </>
  );
}
