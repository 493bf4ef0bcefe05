import type { Metadata } from "next";
import { connection } from "next/server";
import { PublicShell } from "@/components/status/PublicShell";
import { SubscribeForm } from "@/components/subscribe/SubscribeForm";
import { env } from "@/lib/env";
import { getHomeSnapshot, getPublicSigningSecret } from "@/lib/public/snapshot";
import { componentChoices } from "@/lib/public/component-choices";
import { issueFormToken } from "@/lib/subscribers/signing";
import { subscribeAction } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  const { value } = await getHomeSnapshot();
  return { title: `Subscribe to updates · ${value.page.name} Status` };
}

export default async function SubscribePage() {
  await connection();
  const [{ value: home, staleSince }, secret] = await Promise.all([getHomeSnapshot(), getPublicSigningSecret()]);
  return (
    <PublicShell page={home.page} staleSince={staleSince} generatedAt={home.generatedAt}>
      <h1 className="text-2xl font-bold">Subscribe to updates</h1>
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        Get one message when an incident is opened, updated or resolved, and when maintenance is scheduled, starts or ends. Prefer a reader? Use the{" "}
        <a href="/feed.rss" className="underline">
          RSS
        </a>{" "}
        or{" "}
        <a href="/feed.atom" className="underline">
          Atom
        </a>{" "}
        feed.
      </p>
      <section className="rounded-lg border border-zinc-200 bg-white p-5 dark:border-zinc-800 dark:bg-zinc-900">
        <SubscribeForm
          action={subscribeAction}
          formToken={issueFormToken(secret, new Date())}
          choices={componentChoices(home)}
          emailEnabled={Boolean(env().SMTP_HOST)}
        />
      </section>
    </PublicShell>
  );
}
