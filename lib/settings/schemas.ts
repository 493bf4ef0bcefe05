import { z } from "zod";
import { Locale } from "../i18n/locales";
import { isValidTimeZone } from "../time/zoned";

// The page's settings, one schema for the console form and the management API
// (PATCH /api/manage/v1/settings): every field optional, so a PATCH changes what it names
// and the form sends them all. Messages name what to do, since they reach the form as-is.

const LOOPBACK_HOST = /^(localhost|.*\.localhost|127(\.\d{1,3}){3}|\[::1\])$/i;

/** Where the page lives: https (plain http only on a loopback host, for trying it out), no path. */
export const PublicUrl = z
  .string()
  .trim()
  .min(1, "enter the address people open the page at, e.g. https://status.example.com")
  .max(200, "at most 200 characters")
  .superRefine((value, ctx) => {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      ctx.addIssue({ code: "custom", message: "enter a full address such as https://status.example.com" });
      return;
    }
    if (url.protocol !== "https:" && !(url.protocol === "http:" && LOOPBACK_HOST.test(url.hostname))) {
      ctx.addIssue({ code: "custom", message: "use https:// (plain http:// only for localhost)" });
    } else if (url.username || url.password) {
      ctx.addIssue({ code: "custom", message: "an address with a user name or password cannot be a page's address" });
    } else if (url.pathname !== "/" || url.search || url.hash) {
      ctx.addIssue({ code: "custom", message: "Vigil serves the page at the root of a host: give just the scheme and host, e.g. https://status.example.com" });
    }
  })
  .transform((value) => new URL(value).origin);

/** A support page or an email address (stored as a mailto: link). */
export const SupportLink = z
  .string()
  .trim()
  .max(500, "at most 500 characters")
  .transform((value, ctx) => {
    if (value.startsWith("mailto:")) value = value.slice("mailto:".length);
    if (z.email().safeParse(value).success) return `mailto:${value}`;
    if (/^https?:\/\//i.test(value) && URL.canParse(value)) return value;
    ctx.addIssue({ code: "custom", message: "enter an https:// address or an email address" });
    return z.NEVER;
  });

export const FooterLink = z.object({
  label: z.string().trim().min(1, "give the link a label").max(40, "at most 40 characters"),
  url: z
    .string()
    .trim()
    .max(500, "at most 500 characters")
    .refine((value) => (/^https?:\/\//i.test(value) || /^mailto:/i.test(value)) && URL.canParse(value), "enter a full https:// address or a mailto: link"),
});
export type FooterLink = z.infer<typeof FooterLink>;
export const MAX_FOOTER_LINKS = 5;

/** null or "" clears an optional setting. */
const clearable = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (typeof value === "string" && value.trim() === "" ? null : value), schema.nullable());

export const PageSettingsInput = z.strictObject({
  name: z.string().trim().min(1, "the page needs a name, e.g. your company's").max(80, "at most 80 characters").optional(),
  url: PublicUrl.optional(),
  timeZone: z.string().trim().refine(isValidTimeZone, "choose a time zone from the list, e.g. Europe/London").optional(),
  locale: Locale.optional(),
  brandColor: clearable(
    z
      .string()
      .trim()
      .regex(/^#[0-9a-fA-F]{6}$/, "a colour as #rrggbb, e.g. #0b7285")
      .transform((v) => v.toLowerCase()),
  ).optional(),
  supportUrl: clearable(SupportLink).optional(),
  footerLinks: z.array(FooterLink).max(MAX_FOOTER_LINKS, `at most ${MAX_FOOTER_LINKS} links`).optional(),
  aboutMarkdown: clearable(z.string().max(4000, "at most 4,000 characters")).optional(),
  metaDescription: clearable(z.string().trim().max(200, "at most 200 characters")).optional(),
});
export type PageSettingsInput = z.input<typeof PageSettingsInput>;
export type PageSettingsChange = z.output<typeof PageSettingsInput>;

/** The stored footer links, or none when the column holds something unreadable. */
export function parseFooterLinks(stored: string): FooterLink[] {
  try {
    const parsed = z.array(FooterLink).safeParse(JSON.parse(stored));
    return parsed.success ? parsed.data : [];
  } catch {
    return [];
  }
}

export const InstallationSettingsInput = z.strictObject({
  allowMetadataProbeTargets: z.boolean().optional(),
  /** The monthly uptime report email to admins (lib/uptime/monthly-report.ts). */
  monthlyReportEnabled: z.boolean().optional(),
});
export type InstallationSettingsInput = z.input<typeof InstallationSettingsInput>;
