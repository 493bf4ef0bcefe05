"use client";

import { useEffect, useState } from "react";

// An import job's progress and summary. While it runs, the job is fetched once a
// second from /console/settings/import/jobs/{id}; without JavaScript the page shows the
// state at load time and a reload shows the rest.

export interface ImportJobProps {
  id: string;
  sourceUrl: string;
  dryRun: boolean;
  status: "queued" | "running" | "succeeded" | "failed";
  progress: number;
  total: number;
  lines: string[];
  error: string | null;
}

const LABEL: Record<ImportJobProps["status"], string> = { queued: "Waiting to start", running: "Running", succeeded: "Finished", failed: "Failed" };

export function ImportProgress({ initial }: { initial: ImportJobProps }) {
  const [job, setJob] = useState(initial);
  const active = job.status === "queued" || job.status === "running";
  useEffect(() => {
    if (!active) return;
    const timer = setTimeout(async () => {
      try {
        const response = await fetch(`/console/settings/import/jobs/${encodeURIComponent(job.id)}`, { cache: "no-store" });
        if (response.ok) setJob((await response.json()) as ImportJobProps);
      } catch {
        // Offline for a moment: the next tick tries again.
      }
    }, 1000);
    return () => clearTimeout(timer);
  }, [active, job]);
  const percent = job.total > 0 ? Math.round((job.progress / job.total) * 100) : 0;
  return (
    <div data-import-job={job.id} data-status={job.status} className="grid gap-3">
      <p className="text-sm">
        <strong>{job.dryRun ? "Dry run" : "Import"}</strong> of <code className="break-all">{job.sourceUrl}</code>: {LABEL[job.status]}
        {active && job.total > 0 ? ` (${job.progress} of ${job.total})` : ""}
      </p>
      {active && (
        <>
          <progress max={job.total || 1} value={job.progress} aria-label="Import progress" className="w-full">
            {percent}%
          </progress>
          <p className="text-xs text-zinc-500">
            <a href="/console/settings/import" className="underline">
              Reload
            </a>{" "}
            to see the latest progress if it does not move.
          </p>
        </>
      )}
      {job.error && (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-900 dark:bg-red-950 dark:text-red-200">
          {job.error}
        </p>
      )}
      {job.lines.length > 0 && (
        <ul className="list-disc pl-5 text-sm">
          {job.lines.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
