import type { Metadata } from "next";
import { InstallationForm } from "@/components/console/InstallationForm";
import { AssetForm, SettingsForm } from "@/components/console/SettingsForm";
import { requireStaffPage } from "@/lib/auth/next-session";
import { db } from "@/lib/db";
import { ASSET_RULES } from "@/lib/settings/assets";
import { loadInstallationSettings, loadPageSettings } from "@/lib/settings/queries";
import { removeAssetAction, saveInstallationAction, saveSettingsAction, uploadAssetAction } from "./actions";

export const metadata: Metadata = { title: "Settings · Vigil console" };

const panel = "rounded-lg border border-zinc-200 bg-white p-5 dark:border-zinc-800 dark:bg-zinc-900";

export default async function SettingsPage() {
  // Sensitive: opening the page asks for "Confirm it's you" first, so a save does not.
  await requireStaffPage("settings:manage", { confirmedFor: "/console/settings" });
  const [settings, installation] = await Promise.all([loadPageSettings(db()), loadInstallationSettings(db())]);
  const timeZones = ["UTC", ...Intl.supportedValuesOf("timeZone").filter((zone) => zone !== "UTC")];
  return (
    <>
      <h1 className="text-2xl font-bold">Settings</h1>
      <p className="text-sm">
        Moving from Statuspage?{" "}
        <a href="/console/settings/import" className="underline">
          Import from Statuspage
        </a>
      </p>
      <section aria-labelledby="page-settings" className={panel}>
        <h2 id="page-settings" className="mb-4 font-semibold">
          Your page
        </h2>
        <SettingsForm action={saveSettingsAction} initial={settings} timeZones={timeZones} />
      </section>
      <section aria-labelledby="branding" className={`${panel} grid gap-6 sm:grid-cols-2`}>
        <h2 id="branding" className="font-semibold sm:col-span-2">
          Logo and favicon
        </h2>
        <AssetForm
          label="Logo"
          hint={`${ASSET_RULES.logo.label}; shown about 32 px high. SVGs are cleaned of scripts and outside references.`}
          current={settings.logoPath}
          accept="image/png,image/svg+xml,image/webp"
          upload={uploadAssetAction.bind(null, "logo")}
          remove={removeAssetAction.bind(null, "logo")}
        />
        <AssetForm
          label="Favicon"
          hint={`${ASSET_RULES.favicon.label}; square, 32 px or larger.`}
          current={settings.faviconPath}
          accept="image/png,image/svg+xml,image/x-icon,.ico"
          upload={uploadAssetAction.bind(null, "favicon")}
          remove={removeAssetAction.bind(null, "favicon")}
        />
      </section>
      <section aria-labelledby="installation" className={panel}>
        <h2 id="installation" className="mb-4 font-semibold">
          Probes and security
        </h2>
        <InstallationForm action={saveInstallationAction} initial={installation} />
      </section>
    </>
  );
}
