import { z } from "zod";

/** How often a vendor's page is read: at most once a minute (their status pages are shared by everyone), at least hourly. */
export const MIRROR_INTERVAL_SECONDS = { min: 60, max: 3600, default: 300 } as const;

export const VendorMirrorInput = z.object({
  componentId: z.string().min(1),
  url: z
    .string()
    .trim()
    .min(1, "enter the vendor's summary.json address")
    .max(2000)
    .refine((u) => URL.canParse(u) && /^https?:$/.test(new URL(u).protocol), "enter an http(s) address, e.g. https://www.githubstatus.com/api/v2/summary.json"),
  /** The vendor's component id or exact name; empty: the vendor's overall status. */
  vendorComponent: z
    .string()
    .trim()
    .max(200)
    .transform((v) => (v === "" ? null : v))
    .nullable()
    .default(null),
  intervalSeconds: z.coerce
    .number({ error: "expected a number of seconds" })
    .int("expected whole seconds")
    .min(MIRROR_INTERVAL_SECONDS.min, `check at most once a minute (${MIRROR_INTERVAL_SECONDS.min} s)`)
    .max(MIRROR_INTERVAL_SECONDS.max, `check at least once an hour (${MIRROR_INTERVAL_SECONDS.max} s)`)
    .default(MIRROR_INTERVAL_SECONDS.default),
});
export type VendorMirrorInput = z.input<typeof VendorMirrorInput>;

/** A vendor's status page given as its home page is read at its summary.json. */
export function summaryUrl(url: string): string {
  const parsed = new URL(url);
  if (parsed.pathname.endsWith(".json")) return parsed.toString();
  parsed.pathname = `${parsed.pathname.replace(/\/+$/, "")}/api/v2/summary.json`;
  return parsed.toString();
}
