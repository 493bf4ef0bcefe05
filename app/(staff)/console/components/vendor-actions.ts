"use server";

import { revalidatePath } from "next/cache";
import { unstable_rethrow } from "next/navigation";
import { requireStaff } from "@/lib/auth/next-session";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { actionArg, errorToFormState, formAction, type FormState, formValues } from "@/lib/forms";
import { invalidatePublicSnapshot } from "@/lib/public/snapshot";
import { createVendorFetcher } from "@/lib/vendors/fetch";
import { removeVendorMirror, setVendorMirror } from "@/lib/vendors/mirror";

export const setVendorMirrorAction = formAction(
  [actionArg.id, actionArg.state, actionArg.form],
  async (componentId: string, _prev: FormState | undefined, formData: FormData): Promise<FormState> => {
    const values = formValues(formData);
    try {
      const staff = await requireStaff("components:write");
      const fetcher = createVendorFetcher({ allowPrivate: env().WEBHOOK_ALLOW_PRIVATE });
      const mirror = await setVendorMirror(
        db(),
        staff,
        { componentId, url: values.url ?? "", vendorComponent: values.vendorComponent ?? "", intervalSeconds: values.intervalSeconds || undefined },
        fetcher,
      );
      invalidatePublicSnapshot();
      revalidatePath(`/console/components/${componentId}`);
      const what = mirror.vendorComponentName ? `${mirror.vendorName} · ${mirror.vendorComponentName}` : `${mirror.vendorName} (the whole page)`;
      return { ok: true, message: `Mirroring ${what}.`, values };
    } catch (error) {
      unstable_rethrow(error);
      return errorToFormState(error, values);
    }
  },
);

export const removeVendorMirrorAction = formAction(
  [actionArg.id, actionArg.state],
  async (componentId: string, _prev: FormState | undefined): Promise<FormState> => {
    try {
      await removeVendorMirror(db(), await requireStaff("components:write"), componentId);
      invalidatePublicSnapshot();
      revalidatePath(`/console/components/${componentId}`);
      return { ok: true, message: "No longer mirrored." };
    } catch (error) {
      unstable_rethrow(error);
      return errorToFormState(error);
    }
  },
);
