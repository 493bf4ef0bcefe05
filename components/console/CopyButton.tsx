"use client";

import { useState } from "react";

export function CopyButton({ text, label = "Copy", copiedLabel = "Copied" }: { text: string; label?: string; copiedLabel?: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <button
      type="button"
      onClick={() => navigator.clipboard?.writeText(text).then(() => setCopied(true))}
      className="rounded-md border border-zinc-300 px-2 py-1 text-xs dark:border-zinc-700"
    >
      {copied ? copiedLabel : label}
    </button>
  );
}
