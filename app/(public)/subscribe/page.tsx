import type { Metadata } from "next";
import { connection } from "next/server";
import { PublicShell } from "@/components/status/PublicShell";
import { SubscribeForm } from "@/components/subscribe/SubscribeForm";
import { subscribeFormText } from "@/components/subscribe/text";
import { env } from "@/lib/env";
import { requestTranslator } from "@/lib/public/request-locale";
import { getHomeSnapshot, getPublicSigningSecret } from "@/lib/public/snapshot";
import { componentChoices } from "@/lib/public/component-choices";
import { issueFormToken } from "@/lib/subscribers/signing";
import { subscribeAction } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  const { value } = await getHomeSnapshot();
  const { t } = await requestTranslator(value.page.locale);
  return { title: t("meta.titleWithPage", { title: t("subscribe.title"), page: value.page.name }) };
}

export default async function SubscribePage() {
  await connection();
  const [{ value: home, staleSince }, secret] = await Promise.all([getHomeSnapshot(), getPublicSigningSecret()]);
  const tr = await requestTranslator(home.page.locale);
  const { t, rich, locale } = tr;
  const feedLink = (href: string) => (chunks: React.ReactNode[]) => (
    <a key={href} href={href} className="underline">
      {chunks}
    </a>
  );
  return (
    <PublicShell page={home.page} locale={locale} path="/subscribe" staleSince={staleSince} generatedAt={home.generatedAt}>
      <h1 className="text-2xl font-bold">{t("subscribe.title")}</h1>
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        {rich<React.ReactNode>("subscribe.intro", { rss: feedLink("/feed.rss"), atom: feedLink("/feed.atom") })}
      </p>
      <section className="rounded-lg border border-zinc-200 bg-white p-5 dark:border-zinc-800 dark:bg-zinc-900">
        <SubscribeForm
          action={subscribeAction}
          formToken={issueFormToken(secret, new Date())}
          choices={componentChoices(home)}
          emailEnabled={Boolean(env().SMTP_HOST)}
          text={subscribeFormText(tr)}
        />
      </section>
    </PublicShell>
  );
}
