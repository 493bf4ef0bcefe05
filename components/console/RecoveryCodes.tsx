"use client";

import Link from "next/link";

export function RecoveryCodes({ codes }: { codes: string[] }) {
  const text = `Vigil recovery codes\nEach code works once. Keep them somewhere safe.\n\n${codes.join("\n")}\n`;
  return (
    <div className="space-y-4">
      <p className="text-sm">
        Save these <strong>recovery codes</strong> now: they are shown only once. Each one signs you in once if you lose your device; type it with or without
        the dashes.
      </p>
      {/* One column: a 24-character code in groups of four does not fit two abreast in the sign-in card. */}
      <ul aria-label="Recovery codes" className="grid grid-cols-1 gap-1 rounded-md bg-zinc-100 p-4 font-mono text-sm tracking-wide dark:bg-zinc-800">
        {codes.map((c) => (
          <li key={c}>{c}</li>
        ))}
      </ul>
      <div className="flex flex-wrap gap-3">
        <a
          download="vigil-recovery-codes.txt"
          href={`data:text/plain;charset=utf-8,${encodeURIComponent(text)}`}
          className="rounded-md border border-zinc-300 px-3 py-2 text-sm font-medium dark:border-zinc-700"
        >
          Download as text
        </a>
        <Link href="/console" className="rounded-md bg-teal-700 px-4 py-2 text-sm font-semibold text-white">
          I saved them — continue
        </Link>
      </div>
    </div>
  );
}
