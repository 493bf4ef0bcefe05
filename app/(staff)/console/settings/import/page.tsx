import type { Metadata } from "next";
import { ImportForm } from "@/components/console/ImportForm";
import { ImportProgress } from "@/components/console/ImportProgress";
import { requireStaffPage } from "@/lib/auth/next-session";
import { db } from "@/lib/db";
import { recentImportJobs } from "@/lib/import/jobs";
import { startImportAction } from "./actions";

export const metadata: Metadata = { title: "Import from Statuspage · Vigil console" };

const panel = "rounded-lg border border-zinc-200 bg-white p-5 dark:border-zinc-800 dark:bg-zinc-900";

export default async function ImportPage() {
  const staff = await requireStaffPage("settings:manage", { confirmedFor: "/console/settings/import" });
  const [latest, ...earlier] = await recentImportJobs(db(), staff);
  return (
    <>
      <p className="text-sm">
        <a href="/console/settings" className="underline">
          Settings
        </a>{" "}
        › Import from Statuspage
      </p>
      <h1 className="text-2xl font-bold">Import from Statuspage</h1>
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        Copies a Statuspage (or any page with Statuspage&apos;s API) into Vigil: components and groups, incidents with every update, and maintenances; with an
        API key also the full history and the email subscribers (confirmed ones stay confirmed, the others get a confirmation email). Nobody is notified of
        imported history. Running it again changes nothing and adds only what is new. The same as <code>npm run import -- statuspage &lt;page URL&gt;</code>.
      </p>
      <section aria-labelledby="import-source" className={panel}>
        <h2 id="import-source" className="mb-4 font-semibold">
          Source
        </h2>
        <ImportForm action={startImportAction} />
      </section>
      {latest && (
        <section aria-labelledby="import-latest" className={panel}>
          <h2 id="import-latest" className="mb-3 font-semibold">
            Latest run
          </h2>
          <ImportProgress key={latest.id} initial={latest} />
        </section>
      )}
      {earlier.length > 0 && (
        <section aria-labelledby="import-earlier" className={panel}>
          <h2 id="import-earlier" className="mb-3 font-semibold">
            Earlier runs
          </h2>
          <ul className="grid gap-1 text-sm">
            {earlier.map((job) => (
              <li key={job.id}>
                {job.createdAt.slice(0, 16).replace("T", " ")} UTC · {job.dryRun ? "dry run" : "import"} of <code className="break-all">{job.sourceUrl}</code> ·{" "}
                {job.status}
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
