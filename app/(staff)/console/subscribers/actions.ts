"use server";

import { revalidatePath } from "next/cache";
import { unstable_rethrow } from "next/navigation";
import { requireStaff } from "@/lib/auth/next-session";
import { db } from "@/lib/db";
import { actionArg, errorToFormState, formAction, type FormState, formValues } from "@/lib/forms";
import {
  addSubscriberByStaff,
  CsvImportError,
  importSubscribersCsv,
  removeSubscriber,
  retryDeadNotification,
  retryDeadNotifications,
} from "@/lib/subscribers/staff-verbs";

export type AddSubscriberState = FormState & { secret?: string | null };
export type ImportState = FormState & { problems?: string[] };

const staff = () => requireStaff("subscribers:manage");

async function subscriberAction<T extends FormState>(run: () => Promise<T>, values?: Record<string, string>): Promise<T | FormState> {
  try {
    const result = await run();
    revalidatePath("/console/subscribers");
    return result;
  } catch (error) {
    unstable_rethrow(error);
    return errorToFormState(error, values);
  }
}

export const addSubscriberAction = formAction(
  [actionArg.state, actionArg.form],
  async (_prev: AddSubscriberState | undefined, formData: FormData): Promise<AddSubscriberState> => {
    const values = formValues(formData);
    const components = formData.get("scope") === "some" ? formData.getAll("components").map(String) : [];
    return subscriberAction(
      async () => {
        const added = await addSubscriberByStaff(db(), await staff(), {
          channel: values.channel as never,
          target: values.target ?? "",
          key: values.key ?? "",
          components,
        });
        return {
          ok: true,
          message: added.confirmationSent
            ? `A confirmation link is on its way to ${values.target?.trim()}: alerts start once they use it.`
            : "Added. Alerts go to this URL from now on.",
          secret: added.secret,
        };
      },
      // The key is not echoed back into the form.
      { channel: values.channel ?? "", target: values.target ?? "" },
    );
  },
);

export const removeSubscriberAction = formAction(
  [actionArg.id, actionArg.state],
  async (subscriberId: string, _prev: FormState | undefined): Promise<FormState> => {
    return subscriberAction(async () => {
      await removeSubscriber(db(), await staff(), subscriberId);
      return { ok: true, message: "Removed." };
    });
  },
);

export const importSubscribersAction = formAction(
  [actionArg.state, actionArg.form],
  async (_prev: ImportState | undefined, formData: FormData): Promise<ImportState> => {
    const file = formData.get("file");
    const pasted = String(formData.get("csv") ?? "");
    try {
      const who = await staff();
      const text = file instanceof File && file.size > 0 ? await file.text() : pasted;
      if (text.trim() === "") return { ok: false, message: "Choose a CSV file or paste its text." };
      const r = await importSubscribersCsv(db(), who, text);
      revalidatePath("/console/subscribers");
      return {
        ok: true,
        message:
          `Imported ${r.added} subscriber${r.added === 1 ? "" : "s"}; skipped ${r.skippedDuplicates} duplicate${r.skippedDuplicates === 1 ? "" : "s"}.` +
          (r.confirmationsQueued ? ` ${r.confirmationsQueued} address${r.confirmationsQueued === 1 ? " gets" : "es get"} a confirmation link.` : ""),
      };
    } catch (error) {
      unstable_rethrow(error);
      if (error instanceof CsvImportError)
        return { ok: false, message: "Nothing was imported. Fix these rows and import the whole file again:", problems: error.problems };
      return errorToFormState(error);
    }
  },
);

export const retryDeadAction = formAction([actionArg.id, actionArg.state], async (notificationId: string, _prev: FormState | undefined): Promise<FormState> => {
  return subscriberAction(async () => {
    await retryDeadNotification(db(), await staff(), notificationId);
    return { ok: true, message: "Queued again." };
  });
});

export const retryAllDeadAction = formAction([actionArg.state], async (_prev: FormState | undefined): Promise<FormState> => {
  return subscriberAction(async () => {
    const count = await retryDeadNotifications(db(), await staff());
    return { ok: true, message: count ? `Queued ${count} again.` : "Nothing to retry." };
  });
});
