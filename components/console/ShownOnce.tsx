"use client";

import { CopyButton } from "@/components/console/CopyButton";

/** A secret shown this once (an API key, an integration's URL), with a copy button. */
export function ShownOnce({ intro, value, copyLabel, testId }: { intro: string; value: string; copyLabel: string; testId: string }) {
  return (
    <div className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm dark:border-amber-800 dark:bg-amber-950">
      <p className="mb-2 font-medium">{intro}</p>
      <code data-testid={testId} className="block break-all rounded bg-white px-2 py-1 font-mono text-xs dark:bg-zinc-900">
        {value}
      </code>
      <div className="mt-2">
        <CopyButton text={value} label={copyLabel} />
      </div>
    </div>
  );
}
