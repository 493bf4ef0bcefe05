import { MAX_FOOTER_LINKS, type PageSettingsInput } from "./schemas";

// The settings form's fields as the schema's input. Footer links are rows of two inputs
// named `footerLinks.<i>.label` / `.url` (the names zod's field messages use); a row left
// empty is dropped, a half-filled one is kept so its missing half gets a message.
export function pageSettingsFromForm(values: Record<string, string>): PageSettingsInput {
  const footerLinks: { label: string; url: string }[] = [];
  for (let i = 0; i < MAX_FOOTER_LINKS; i++) {
    const label = values[`footerLinks.${i}.label`]?.trim() ?? "";
    const url = values[`footerLinks.${i}.url`]?.trim() ?? "";
    if (label || url) footerLinks.push({ label, url });
  }
  return {
    name: values.name ?? "",
    url: values.url ?? "",
    timeZone: values.timeZone ?? "",
    locale: (values.locale ?? "") as PageSettingsInput["locale"],
    brandColor: values.brandColor ?? "",
    supportUrl: values.supportUrl ?? "",
    footerLinks,
    aboutMarkdown: values.aboutMarkdown ?? "",
    metaDescription: values.metaDescription ?? "",
  };
}
