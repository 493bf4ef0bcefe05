import Link from "next/link";

export default function IncidentNotFound() {
  return (
    <main id="main" className="mx-auto max-w-3xl px-4 py-16 text-center">
      <h1 className="text-2xl font-bold">Incident not found</h1>
      <p className="mt-3 text-zinc-600 dark:text-zinc-400">There is no incident at this address. It may have been removed, or the link is mistyped.</p>
      <p className="mt-6 flex justify-center gap-6">
        <Link href="/" className="font-medium underline">
          Current status
        </Link>
        <Link href="/history" className="font-medium underline">
          Incident history
        </Link>
      </p>
    </main>
  );
}
