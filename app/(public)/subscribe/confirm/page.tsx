import type { Metadata } from "next";
import { connection } from "next/server";
import { PublicShell } from "@/components/status/PublicShell";
import { ConfirmForm } from "@/components/subscribe/TokenForms";
import { db } from "@/lib/db";
import { ServiceError } from "@/lib/errors";
import { getHomeSnapshot } from "@/lib/public/snapshot";
import { loadConfirmation } from "@/lib/subscribers/subscribe";
import { confirmAction } from "../actions";

export const metadata: Metadata = { title: "Confirm your subscription", robots: { index: false } };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

// Confirming takes a click (not just opening the link), so mail scanners that fetch
// links cannot confirm a subscription on someone's behalf. The page repeats what is
// being confirmed, so the reader can tell it is the request they made.
export default async function ConfirmPage({ searchParams }: Props) {
  await connection();
  const token = String((await searchParams).token ?? "");
  const { value: home, staleSince } = await getHomeSnapshot();
  const pending = await loadConfirmation(db(), token).catch((error: unknown) => {
    if (error instanceof ServiceError) return error.message;
    throw error;
  });
  return (
    <PublicShell page={home.page} staleSince={staleSince} generatedAt={home.generatedAt}>
      <h1 className="text-2xl font-bold">Confirm your subscription</h1>
      {typeof pending === "string" ? (
        <p role="alert" className="text-sm">
          {pending}
        </p>
      ) : (
        <>
          <p className="text-sm">
            Confirm to receive {home.page.name} incident and maintenance alerts at <strong data-testid="confirm-address">{pending.target}</strong> about{" "}
            <span data-testid="confirm-components">{pending.components ? pending.components.join(", ") : "every component"}</span>.
          </p>
          {pending.confirmed && <p className="text-sm">This subscription is already confirmed: confirming again changes nothing.</p>}
          <ConfirmForm action={confirmAction.bind(null, token)} />
        </>
      )}
    </PublicShell>
  );
}
