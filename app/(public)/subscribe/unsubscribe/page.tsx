import type { Metadata } from "next";
import { connection } from "next/server";
import { PublicShell } from "@/components/status/PublicShell";
import { getHomeSnapshot } from "@/lib/public/snapshot";

export const metadata: Metadata = { title: "Unsubscribe", robots: { index: false } };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

// Opening an unsubscribe link shows a button rather than acting, so link scanners do
// not unsubscribe people; mail clients use the one-click POST (RFC 8058) instead.
export default async function UnsubscribePage({ searchParams }: Props) {
  await connection();
  const params = await searchParams;
  const token = String(params.token ?? "");
  const { value: home, staleSince } = await getHomeSnapshot();
  return (
    <PublicShell page={home.page} staleSince={staleSince} generatedAt={home.generatedAt}>
      <h1 className="text-2xl font-bold">Unsubscribe</h1>
      {params.done ? (
        <p role="status">You are unsubscribed. You will not get any more alerts from {home.page.name}.</p>
      ) : params.error ? (
        <p role="alert">This link is not valid or has expired. Use the link in a more recent email.</p>
      ) : (
        <form method="post" action={`/api/subscriptions/unsubscribe?token=${encodeURIComponent(token)}`} className="space-y-3">
          <p className="text-sm">Stop all {home.page.name} status alerts to this subscription?</p>
          <input type="hidden" name="from" value="page" />
          <button type="submit" className="rounded-md bg-red-700 px-4 py-2 text-sm font-semibold text-white">
            Unsubscribe
          </button>
        </form>
      )}
    </PublicShell>
  );
}
