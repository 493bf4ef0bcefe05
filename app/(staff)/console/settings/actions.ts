"use server";

import { revalidatePath } from "next/cache";
import { unstable_rethrow } from "next/navigation";
import { sendAccountNotice } from "@/lib/auth/account-notice";
import { requireStaff } from "@/lib/auth/next-session";
import { db } from "@/lib/db";
import { actionArg, errorToFormState, type FormState, formAction, formValues } from "@/lib/forms";
import { configuredMailer } from "@/lib/mail/mailer";
import { ASSET_KINDS } from "@/lib/settings/assets";
import { pageSettingsFromForm } from "@/lib/settings/form";
import { removePageAsset, setPageAsset, updateInstallationSettings, updatePageSettings } from "@/lib/settings/staff-verbs";

// Settings are admins' and sensitive: each action needs a recent "Confirm it's you".
const CONFIRM = { confirmedFor: "/console/settings" } as const;
// Changes to where links point or what probes may reach: the admin is told by email.
const NOTICE_FIELDS = new Set(["url", "name"]);

function refresh() {
  revalidatePath("/console/settings");
  revalidatePath("/", "layout");
}

export const saveSettingsAction = formAction(
  [actionArg.state, actionArg.form],
  async (_prev: FormState | undefined, formData: FormData): Promise<FormState> => {
    const values = formValues(formData);
    try {
      const staff = await requireStaff("settings:manage", CONFIRM);
      const { changed } = await updatePageSettings(db(), staff, pageSettingsFromForm(values));
      if (changed.some((field) => NOTICE_FIELDS.has(field))) await sendAccountNotice(configuredMailer(), "page_settings", staff.session.user, staff.actor.ip);
      refresh();
      return { ok: true, message: changed.length ? "Saved. The public page shows the change now." : "Nothing changed.", values };
    } catch (error) {
      unstable_rethrow(error);
      return errorToFormState(error, values);
    }
  },
);

const AssetKind = actionArg.oneOf(ASSET_KINDS);

export const uploadAssetAction = formAction(
  [AssetKind, actionArg.state, actionArg.form],
  async (kind: (typeof ASSET_KINDS)[number], _prev: FormState | undefined, formData: FormData): Promise<FormState> => {
    try {
      const staff = await requireStaff("settings:manage", CONFIRM);
      const file = formData.get("file");
      const bytes = file instanceof File ? Buffer.from(await file.arrayBuffer()) : Buffer.alloc(0);
      await setPageAsset(db(), staff, kind, bytes);
      refresh();
      return { ok: true, message: kind === "logo" ? "Logo uploaded." : "Favicon uploaded." };
    } catch (error) {
      unstable_rethrow(error);
      return errorToFormState(error);
    }
  },
);

export const removeAssetAction = formAction(
  [AssetKind, actionArg.state],
  async (kind: (typeof ASSET_KINDS)[number], _prev: FormState | undefined): Promise<FormState> => {
    try {
      const staff = await requireStaff("settings:manage", CONFIRM);
      await removePageAsset(db(), staff, kind);
      refresh();
      return { ok: true, message: "Removed." };
    } catch (error) {
      unstable_rethrow(error);
      return errorToFormState(error);
    }
  },
);

export const saveInstallationAction = formAction(
  [actionArg.state, actionArg.form],
  async (_prev: FormState | undefined, formData: FormData): Promise<FormState> => {
    try {
      const staff = await requireStaff("settings:manage", CONFIRM);
      await updateInstallationSettings(db(), staff, {
        allowMetadataProbeTargets: formData.get("allowMetadataProbeTargets") === "on",
        monthlyReportEnabled: formData.get("monthlyReportEnabled") === "on",
      });
      await sendAccountNotice(configuredMailer(), "page_settings", staff.session.user, staff.actor.ip);
      revalidatePath("/console/settings");
      return { ok: true, message: "Saved." };
    } catch (error) {
      unstable_rethrow(error);
      return errorToFormState(error);
    }
  },
);
