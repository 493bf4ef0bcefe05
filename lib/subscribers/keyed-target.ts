// PagerDuty and Opsgenie subscribers share one API address, and (channel, target) is
// unique, so the stored target carries the key's last four characters as a URL fragment:
// two services behind one address stay two subscribers, and staff can tell them apart
// without the key being shown. Fragments are never sent (the sender drops them).

export const KEY_HINT_LENGTH = 4;

export function keyedTarget(apiUrl: string, key: string): string {
  const url = new URL(apiUrl);
  url.hash = `key-${key.slice(-KEY_HINT_LENGTH)}`;
  return url.toString();
}
