import type { Metadata } from "next";
import { connection } from "next/server";
import { PublicShell } from "@/components/status/PublicShell";
import { ManageForm } from "@/components/subscribe/TokenForms";
import { tokenFormText } from "@/components/subscribe/text";
import { db } from "@/lib/db";
import { requestTranslator } from "@/lib/public/request-locale";
import { getHomeSnapshot } from "@/lib/public/snapshot";
import { componentChoices } from "@/lib/public/component-choices";
import { PUBLIC_CHANNELS } from "@/lib/subscribers/schemas";
import { loadManagedSubscription } from "@/lib/subscribers/subscribe";
import { ServiceError } from "@/lib/errors";
import { saveComponentsAction } from "../actions";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata(): Promise<Metadata> {
  const { value } = await getHomeSnapshot();
  const { t } = await requestTranslator(value.page.locale);
  return { title: t("manage.title"), robots: { index: false } };
}

export default async function ManagePage({ searchParams }: Props) {
  await connection();
  const token = String((await searchParams).token ?? "");
  const { value: home, staleSince } = await getHomeSnapshot();
  const tr = await requestTranslator(home.page.locale);
  const { t, rich, locale } = tr;
  const subscription = await loadManagedSubscription(db(), token).catch((error: unknown) => {
    if (error instanceof ServiceError) return error.message;
    throw error;
  });
  return (
    <PublicShell
      page={home.page}
      locale={locale}
      path={`/subscribe/manage?token=${encodeURIComponent(token)}`}
      staleSince={staleSince}
      generatedAt={home.generatedAt}
    >
      <h1 className="text-2xl font-bold">{t("manage.title")}</h1>
      {typeof subscription === "string" ? (
        <p role="alert" className="text-sm">
          {subscription}
        </p>
      ) : (
        <>
          <p className="text-sm">
            {rich<React.ReactNode>("manage.target", {
              target: subscription.target,
              channel: (PUBLIC_CHANNELS as readonly string[]).includes(subscription.channel)
                ? t(`subscribe.channel.${subscription.channel as (typeof PUBLIC_CHANNELS)[number]}`)
                : subscription.channel,
              addr: (chunks) => <strong key="a">{chunks}</strong>,
            })}
          </p>
          <section className="rounded-lg border border-zinc-200 bg-white p-5 dark:border-zinc-800 dark:bg-zinc-900">
            <ManageForm
              action={saveComponentsAction.bind(null, token)}
              choices={componentChoices(home)}
              selected={subscription.componentIds}
              text={tokenFormText(tr)}
            />
          </section>
          <form method="post" action={subscription.unsubscribeUrl.replace(/^https?:\/\/[^/]+/, "")}>
            <input type="hidden" name="from" value="page" />
            <button type="submit" className="rounded-md border border-red-300 px-3 py-2 text-sm font-medium text-red-800 dark:border-red-800 dark:text-red-300">
              {t("manage.unsubscribe")}
            </button>
          </form>
        </>
      )}
    </PublicShell>
  );
}
