import type { Metadata } from "next";
import { connection } from "next/server";
import { PublicShell } from "@/components/status/PublicShell";
import { ConfirmForm } from "@/components/subscribe/TokenForms";
import { tokenFormText } from "@/components/subscribe/text";
import { db } from "@/lib/db";
import { ServiceError } from "@/lib/errors";
import { requestTranslator } from "@/lib/public/request-locale";
import { getHomeSnapshot } from "@/lib/public/snapshot";
import { loadConfirmation } from "@/lib/subscribers/subscribe";
import { confirmAction } from "../actions";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata(): Promise<Metadata> {
  const { value } = await getHomeSnapshot();
  const { t } = await requestTranslator(value.page.locale);
  return { title: t("confirm.title"), robots: { index: false } };
}

// Confirming takes a click (not just opening the link), so mail scanners that fetch
// links cannot confirm a subscription on someone's behalf. The page repeats what is
// being confirmed, so the reader can tell it is the request they made.
export default async function ConfirmPage({ searchParams }: Props) {
  await connection();
  const token = String((await searchParams).token ?? "");
  const { value: home, staleSince } = await getHomeSnapshot();
  const tr = await requestTranslator(home.page.locale);
  const { t, rich, list, locale } = tr;
  const pending = await loadConfirmation(db(), token).catch((error: unknown) => {
    if (error instanceof ServiceError) return error.message;
    throw error;
  });
  return (
    <PublicShell
      page={home.page}
      locale={locale}
      path={`/subscribe/confirm?token=${encodeURIComponent(token)}`}
      staleSince={staleSince}
      generatedAt={home.generatedAt}
    >
      <h1 className="text-2xl font-bold">{t("confirm.title")}</h1>
      {typeof pending === "string" ? (
        <p role="alert" className="text-sm">
          {pending}
        </p>
      ) : (
        <>
          <p className="text-sm">
            {rich<React.ReactNode>("confirm.text", {
              page: home.page.name,
              target: pending.target,
              scope: pending.components ? "some" : "all",
              components: list(pending.components ?? []),
              addr: (chunks) => (
                <strong key="a" data-testid="confirm-address">
                  {chunks}
                </strong>
              ),
              list: (chunks) => (
                <span key="c" data-testid="confirm-components">
                  {chunks}
                </span>
              ),
            })}
          </p>
          {pending.confirmed && <p className="text-sm">{t("confirm.already")}</p>}
          <ConfirmForm action={confirmAction.bind(null, token)} text={tokenFormText(tr)} />
        </>
      )}
    </PublicShell>
  );
}
