import type { Translator } from "@/lib/i18n/translate";

// The words the subscribe forms show, translated on the server and handed to the client
// components as plain strings (the catalogues and the ICU formatter stay out of the
// browser's bundle). Rich messages are split at their tags by the page that renders them.

export function pickerText({ t }: Translator) {
  return { legend: t("subscribe.scope"), all: t("subscribe.scopeAll"), some: t("subscribe.scopeSome") };
}
export type PickerText = ReturnType<typeof pickerText>;

export function subscribeFormText(tr: Translator) {
  const { t } = tr;
  const channel = (c: "email" | "webhook" | "slack" | "discord") => ({ label: t(`subscribe.channel.${c}`), field: t(`subscribe.field.${c}`) });
  return {
    how: t("subscribe.how"),
    channels: { email: channel("email"), webhook: channel("webhook"), slack: channel("slack"), discord: channel("discord") },
    emailUnavailable: t("subscribe.emailUnavailable"),
    emailHint: t("subscribe.emailHint"),
    submit: t("subscribe.submit"),
    submitting: t("subscribe.submitting"),
    secretIntro: t("subscribe.secretIntro"),
    /** Split around the two <code> spans: [before, code, between, code, after]. */
    secretHelp: splitTags(tr, "subscribe.secretHelp"),
    copySecret: t("subscribe.copySecret"),
    copied: t("subscribe.copied"),
    /** [before, link text, after]. */
    manageLink: splitTags(tr, "subscribe.manageLink"),
    picker: pickerText(tr),
  };
}
export type SubscribeFormText = ReturnType<typeof subscribeFormText>;

export function tokenFormText(tr: Translator) {
  const { t } = tr;
  return {
    confirm: t("confirm.submit"),
    confirming: t("confirm.submitting"),
    manageLater: splitTags(tr, "confirm.manageLater"),
    save: t("manage.save"),
    saving: t("subscribe.saving"),
    picker: pickerText(tr),
  };
}
export type TokenFormText = ReturnType<typeof tokenFormText>;

/**
 * A message's text split at its tags, alternating outside and inside: "a <x>b</x> c" →
 * ["a ", "b", " c"]. For client components that wrap the inside parts in elements.
 */
export function splitTags(tr: Translator, key: Parameters<Translator["t"]>[0]): string[] {
  const marker = (chunks: unknown[]) => ({ inside: chunks.join("") });
  const parts = tr.rich<{ inside: string }>(key, { link: marker, code: marker });
  const out: string[] = [];
  let outside = "";
  for (const part of parts) {
    if (typeof part === "string") outside += part;
    else {
      out.push(outside, part.inside);
      outside = "";
    }
  }
  out.push(outside);
  return out;
}
