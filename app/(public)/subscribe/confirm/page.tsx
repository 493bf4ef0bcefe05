import type { Metadata } from "next";
import { connection } from "next/server";
import { PublicShell } from "@/components/status/PublicShell";
import { ConfirmForm } from "@/components/subscribe/TokenForms";
import { getHomeSnapshot } from "@/lib/public/snapshot";
import { confirmAction } from "../actions";

export const metadata: Metadata = { title: "Confirm your subscription", robots: { index: false } };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

// Confirming takes a click (not just opening the link), so mail scanners that fetch
// links cannot confirm a subscription on someone's behalf.
export default async function ConfirmPage({ searchParams }: Props) {
  await connection();
  const token = String((await searchParams).token ?? "");
  const { value: home, staleSince } = await getHomeSnapshot();
  return (
    <PublicShell page={home.page} staleSince={staleSince} generatedAt={home.generatedAt}>
      <h1 className="text-2xl font-bold">Confirm your subscription</h1>
      <p className="text-sm">Confirm to receive {home.page.name} incident and maintenance alerts by email.</p>
      <ConfirmForm action={confirmAction.bind(null, token)} />
    </PublicShell>
  );
}
