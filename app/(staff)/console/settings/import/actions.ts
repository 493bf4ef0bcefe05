"use server";

import { revalidatePath } from "next/cache";
import { unstable_rethrow } from "next/navigation";
import { requireStaff } from "@/lib/auth/next-session";
import { db } from "@/lib/db";
import { errorToFormState, formValues, type FormState, actionArg, formAction } from "@/lib/forms";
import { startStatuspageImport } from "@/lib/import/jobs";
import { invalidatePublicSnapshot } from "@/lib/public/snapshot";

export type ImportFormState = FormState & { jobId?: string };

const PATH = "/console/settings/import";

/** Starts a dry run or an import (the button pressed says which); the job runs on after this returns. */
export const startImportAction = formAction(
  [actionArg.state, actionArg.form],
  async (_prev: ImportFormState | undefined, formData: FormData): Promise<ImportFormState> => {
    const values = formValues(formData);
    // The key is never sent back into the form.
    const { apiKey: _key, ...kept } = values;
    try {
      const staff = await requireStaff("settings:manage", { confirmedFor: PATH });
      const dryRun = values.intent !== "import";
      const { jobId, done } = await startStatuspageImport(db(), staff, {
        pageUrl: values.pageUrl ?? "",
        apiKey: values.apiKey,
        pageId: values.pageId,
        dryRun,
      });
      // The page shows the new rows once the job is done, on this instance and (by the revision) on others.
      void done.then(() => invalidatePublicSnapshot());
      revalidatePath(PATH);
      return { ok: true, message: dryRun ? "Dry run started: nothing will be written." : "Import started.", jobId, values: kept };
    } catch (error) {
      unstable_rethrow(error);
      return errorToFormState(error, kept);
    }
  },
);
