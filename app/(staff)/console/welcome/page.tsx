import type { Metadata } from "next";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { WelcomeForm } from "@/components/console/WelcomeForm";
import { requireStaffPage } from "@/lib/auth/next-session";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { needsPageSetup } from "@/lib/settings/first-run";
import { requestOriginGuess } from "@/lib/settings/origin";
import { loadPageSettings } from "@/lib/settings/queries";
import { completeSetupAction, skipSetupAction } from "./actions";

export const metadata: Metadata = { title: "Set up your page · Vigil console" };

export default async function WelcomePage() {
  await requireStaffPage("settings:manage");
  if (!(await needsPageSetup(db()))) redirect("/console/settings");
  const [settings, counts, h] = await Promise.all([
    loadPageSettings(db()),
    Promise.all([db().component.count(), db().incident.count(), db().probe.count(), db().subscriber.count()]),
    headers(),
  ]);
  const url = settings.urlFromEnvironment ? settings.url : requestOriginGuess(h.get("host"), h.get("x-forwarded-proto"), env().TRUST_PROXY);
  const [components, incidents, probes, subscribers] = counts;
  return (
    <>
      <h1 className="text-2xl font-bold">Set up your page</h1>
      <p className="max-w-prose text-sm text-zinc-600 dark:text-zinc-400">
        Four things make the page yours. Everything here, and the logo, colours and links, can be changed later in Settings.
      </p>
      <section className="rounded-lg border border-zinc-200 bg-white p-5 dark:border-zinc-800 dark:bg-zinc-900">
        <WelcomeForm
          action={completeSetupAction}
          skip={skipSetupAction}
          initial={{ name: settings.name, url, urlFromEnvironment: settings.urlFromEnvironment, timeZone: settings.timeZone, locale: settings.locale }}
          demo={{ components, incidents, probes, subscribers }}
          timeZones={["UTC", ...Intl.supportedValuesOf("timeZone").filter((zone) => zone !== "UTC")]}
        />
      </section>
    </>
  );
}
