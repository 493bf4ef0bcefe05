import type { Metadata } from "next";
import { connection } from "next/server";
import { PublicShell } from "@/components/status/PublicShell";
import { ManageForm } from "@/components/subscribe/TokenForms";
import { db } from "@/lib/db";
import { getHomeSnapshot } from "@/lib/public/snapshot";
import { componentChoices } from "@/lib/public/component-choices";
import { loadManagedSubscription } from "@/lib/subscribers/subscribe";
import { ServiceError } from "@/lib/errors";
import { saveComponentsAction } from "../actions";

export const metadata: Metadata = { title: "Manage your subscription", robots: { index: false } };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function ManagePage({ searchParams }: Props) {
  await connection();
  const token = String((await searchParams).token ?? "");
  const { value: home, staleSince } = await getHomeSnapshot();
  const subscription = await loadManagedSubscription(db(), token).catch((error: unknown) => {
    if (error instanceof ServiceError) return error.message;
    throw error;
  });
  return (
    <PublicShell page={home.page} staleSince={staleSince} generatedAt={home.generatedAt}>
      <h1 className="text-2xl font-bold">Manage your subscription</h1>
      {typeof subscription === "string" ? (
        <p role="alert" className="text-sm">
          {subscription}
        </p>
      ) : (
        <>
          <p className="text-sm">
            Alerts go to <strong>{subscription.target}</strong> ({subscription.channel}).
          </p>
          <section className="rounded-lg border border-zinc-200 bg-white p-5 dark:border-zinc-800 dark:bg-zinc-900">
            <ManageForm action={saveComponentsAction.bind(null, token)} choices={componentChoices(home)} selected={subscription.componentIds} />
          </section>
          <form method="post" action={subscription.unsubscribeUrl.replace(/^https?:\/\/[^/]+/, "")}>
            <input type="hidden" name="from" value="page" />
            <button type="submit" className="rounded-md border border-red-300 px-3 py-2 text-sm font-medium text-red-800 dark:border-red-800 dark:text-red-300">
              Unsubscribe
            </button>
          </form>
        </>
      )}
    </PublicShell>
  );
}
