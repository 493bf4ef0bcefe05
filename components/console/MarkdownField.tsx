"use client";

import { useEffect, useState } from "react";
import { inputClass } from "@/components/forms/fields";
import { SanitizedHtml } from "@/components/SanitizedHtml";

/** A Markdown textarea with a live preview rendered by the server's own sanitiser. */
export function MarkdownField({
  name,
  defaultValue,
  invalid,
  preview,
}: {
  name: string;
  defaultValue: string;
  invalid: boolean;
  preview: (source: string) => Promise<string>;
}) {
  const [source, setSource] = useState(defaultValue);
  const [html, setHtml] = useState("");
  useEffect(() => {
    if (!source.trim()) return setHtml("");
    const timer = setTimeout(
      () =>
        void preview(source)
          .then(setHtml)
          .catch(() => {}),
      250,
    );
    return () => clearTimeout(timer);
  }, [source, preview]);
  return (
    <div className="mt-1 grid gap-3 md:grid-cols-2">
      <textarea
        id={name}
        name={name}
        rows={6}
        value={source}
        onChange={(e) => setSource(e.target.value)}
        aria-invalid={invalid || undefined}
        aria-describedby={invalid ? `${name}-error` : undefined}
        className={`${inputClass} mt-0 font-mono`}
      />
      <section
        aria-label="Preview"
        aria-live="polite"
        className="prose-update min-h-24 rounded-md border border-dashed border-zinc-300 p-3 text-sm dark:border-zinc-700"
      >
        {html ? <SanitizedHtml html={html} /> : <p className="text-zinc-500 dark:text-zinc-400">Preview</p>}
      </section>
    </div>
  );
}
