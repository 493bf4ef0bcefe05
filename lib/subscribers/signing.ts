import { mac, safeEqual } from "../page/signing";

// The public subscribe form's token, signed with the page's secret: a bot posting without
// loading the form, or replaying an old one, fails.

/** A time-stamped form token: a bot posting without loading the form, or replaying an old one, fails. */
export function issueFormToken(secret: string, now: Date): string {
  const issued = String(now.getTime());
  return `${issued}.${mac(secret, `form.${issued}`)}`;
}

export type FormTokenCheck = "ok" | "invalid" | "too_fast" | "expired";

export function checkFormToken(secret: string, token: string, now: Date, minAgeMs = 1500, maxAgeMs = 2 * 3600_000): FormTokenCheck {
  const [issued, signature] = token.split(".");
  if (!issued || !signature || !/^\d+$/.test(issued) || !safeEqual(signature, mac(secret, `form.${issued}`))) return "invalid";
  const age = now.getTime() - Number(issued);
  if (age < minAgeMs) return "too_fast";
  return age > maxAgeMs ? "expired" : "ok";
}
