import Link from "next/link";

export default function NotFound() {
  return (
    <main id="main" className="mx-auto max-w-3xl px-4 py-16 text-center">
      <h1 className="text-2xl font-bold">Page not found</h1>
      <p className="mt-3 text-zinc-600 dark:text-zinc-400">We couldn’t find that page.</p>
      <p className="mt-6">
        <Link href="/" className="font-medium underline">
          Go to the status page
        </Link>
      </p>
    </main>
  );
}
