import type { Metadata } from "next";
import { z } from "zod";
import { requireStaffPage } from "@/lib/auth/next-session";
import { can } from "@/lib/auth/roles";
import { db } from "@/lib/db";
import { loadPageSetting } from "@/lib/public/queries";
import { addDays, zonedDayKey } from "@/lib/time/zoned";

export const metadata: Metadata = { title: "Reports · Vigil console" };

const panel = "rounded-lg border border-zinc-200 bg-white p-5 dark:border-zinc-800 dark:bg-zinc-900";
const control = "rounded-md border border-zinc-300 bg-white px-2 py-1 dark:border-zinc-700 dark:bg-zinc-900";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

// What the export route sends back with a refused form: the values and the field at fault.
const Returned = z.object({
  from: z.string().max(20).optional().catch(undefined),
  to: z.string().max(20).optional().catch(undefined),
  error: z.enum(["from", "to"]).optional().catch(undefined),
  message: z.string().max(200).optional().catch(undefined),
});

export default async function ReportsPage({ searchParams }: Props) {
  const { role } = await requireStaffPage();
  const canExport = can(role, "components:write");
  const page = await loadPageSetting(db());
  const raw = Object.fromEntries(Object.entries(await searchParams).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
  const returned = Returned.parse(raw);
  const today = zonedDayKey(new Date(), page.timeZone);
  const dateField = (field: "from" | "to", label: string, value: string) => {
    const invalid = returned.error === field;
    return (
      <label className="flex flex-col gap-1">
        <span className="font-medium">{label}</span>
        <input
          type="date"
          name={field}
          required
          defaultValue={value}
          className={control}
          aria-invalid={invalid || undefined}
          aria-describedby={invalid ? `${field}-error` : undefined}
        />
        {invalid && (
          <span id={`${field}-error`} className="text-sm text-red-700 dark:text-red-400">
            {returned.message ?? "Check this date."}
          </span>
        )}
      </label>
    );
  };
  return (
    <>
      <h1 className="text-2xl font-bold">Reports</h1>
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        Uptime per month is public at{" "}
        <a href="/uptime" className="underline">
          /uptime
        </a>{" "}
        and as JSON at <code>/api/v2/uptime.json</code>. Error budgets of components with a target are on the Components page. Admins get a monthly uptime
        report by email on the 1st; an admin turns it off under Settings → Installation.
      </p>
      <section aria-labelledby="export" className={panel}>
        <h2 id="export" className="mb-1 font-semibold">
          Export status history and incidents (CSV)
        </h2>
        <p className="mb-3 text-sm text-zinc-600 dark:text-zinc-400">
          Every component status change, incident, maintenance and update between the two days (both included), in {page.timeZone}; times are ISO 8601 with the
          offset written out.
        </p>
        {canExport ? (
          <form method="get" action="/console/reports/export" className="flex flex-wrap items-end gap-3 text-sm">
            {dateField("from", "From", returned.from ?? addDays(today, -30))}
            {dateField("to", "To", returned.to ?? today)}
            <button type="submit" className="rounded-md bg-zinc-900 px-4 py-2 font-semibold text-white dark:bg-zinc-100 dark:text-zinc-900">
              Download CSV
            </button>
          </form>
        ) : (
          <p className="text-sm">Your role can read the console but not export its data; ask an editor or an admin.</p>
        )}
      </section>
    </>
  );
}
