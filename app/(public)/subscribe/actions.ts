"use server";

import { unstable_rethrow } from "next/navigation";
import type { SubscribeState } from "@/components/subscribe/SubscribeForm";
import { requestContext } from "@/lib/auth/next-session";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { actionArg, errorToFormState, formAction, type FormState } from "@/lib/forms";
import { requestTranslator } from "@/lib/public/request-locale";
import { getPageInfo } from "@/lib/public/snapshot";
import { confirmSubscription, subscribe, updateSubscriptionComponents } from "@/lib/subscribers/subscribe";

/** The visitor's language, as the page they submitted from was shown in. */
const visitorTranslator = async () => requestTranslator((await getPageInfo()).locale);

function chosenComponents(formData: FormData): string[] {
  return formData.get("scope") === "some" ? formData.getAll("components").map(String) : [];
}

export const subscribeAction = formAction(
  [actionArg.state, actionArg.form],
  async (_prev: SubscribeState | undefined, formData: FormData): Promise<SubscribeState> => {
    const values = {
      channel: String(formData.get("channel") ?? ""),
      target: String(formData.get("target") ?? "").trim(),
      components: chosenComponents(formData).join(","),
    };
    try {
      const { ip } = await requestContext();
      const result = await subscribe(
        db(),
        { channel: values.channel as never, target: values.target, components: chosenComponents(formData) },
        {
          ip,
          formToken: String(formData.get("formToken") ?? ""),
          honeypot: String(formData.get("website") ?? ""),
          emailEnabled: Boolean(env().SMTP_HOST),
          allowPrivateWebhooks: env().WEBHOOK_ALLOW_PRIVATE,
        },
      );
      const { t } = await visitorTranslator();
      if (result.kind === "check_email") return { ok: true, message: t("subscribe.checkEmail", { target: values.target }) };
      return { ok: true, message: t("subscribe.subscribed"), secret: result.secret, manageUrl: result.manageUrl };
    } catch (error) {
      unstable_rethrow(error);
      return errorToFormState(error, values);
    }
  },
);

export const confirmAction = formAction(
  [actionArg.token, actionArg.state],
  async (token: string, _prev: FormState | undefined): Promise<FormState & { manageUrl?: string }> => {
    try {
      const { manageUrl } = await confirmSubscription(db(), token);
      return { ok: true, message: (await visitorTranslator()).t("confirm.done"), manageUrl };
    } catch (error) {
      unstable_rethrow(error);
      return errorToFormState(error);
    }
  },
);

export const saveComponentsAction = formAction(
  [actionArg.token, actionArg.state, actionArg.form],
  async (token: string, _prev: FormState | undefined, formData: FormData): Promise<FormState> => {
    try {
      await updateSubscriptionComponents(db(), token, chosenComponents(formData));
      return { ok: true, message: (await visitorTranslator()).t("manage.saved") };
    } catch (error) {
      unstable_rethrow(error);
      return errorToFormState(error);
    }
  },
);
