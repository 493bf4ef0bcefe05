// Who a notification is for, as staff may see it and as the outbox keeps it after the
// subscriber leaves. Webhook, Slack and Discord URLs often carry a secret in their path,
// query or user info, so only their scheme and host are kept.

/** "https://hooks.slack.com/services/T0/B0/xyz" → "https://hooks.slack.com/…". */
export function maskUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}/…`;
  } catch {
    return "(invalid URL)";
  }
}

/** An email address as it is; anything else (a URL) masked; PagerDuty and Opsgenie with their key's last characters (subscribers/keyed-target.ts). */
export function recipientLabel(channel: string, target: string): string {
  if (channel === "email") return target;
  const hint = (channel === "pagerduty" || channel === "opsgenie") && /#key-([\x21-\x7e]{1,8})$/.exec(target)?.[1];
  return hint ? `${maskUrl(target)} (key …${hint})` : maskUrl(target);
}
