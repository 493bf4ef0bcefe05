import Link from "next/link";

export default function Forbidden() {
  return (
    <main id="main" className="mx-auto max-w-3xl px-4 py-16 text-center">
      <h1 className="text-2xl font-bold">You don’t have access to this page</h1>
      <p className="mt-3 text-zinc-600 dark:text-zinc-400">Your role does not include it. Ask an admin if you need it.</p>
      <p className="mt-6">
        <Link href="/console" className="font-medium underline">
          Back to the console
        </Link>
      </p>
    </main>
  );
}
