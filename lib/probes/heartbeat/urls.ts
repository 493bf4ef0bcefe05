// universal: the console shows these; no node: imports.
// A heartbeat's URLs and ready-to-paste curl lines, for the console.

export const HEARTBEAT_PATH = "/api/heartbeat";

export function heartbeatUrl(baseUrl: string, token: string): string {
  return `${baseUrl.replace(/\/+$/, "")}${HEARTBEAT_PATH}/${token}`;
}

/** `-fsS -m 10 --retry 3`: quiet unless it fails, bounded, and a blip does not lose the ping. */
export function heartbeatCurlLines(baseUrl: string, token: string): { label: string; command: string }[] {
  const url = heartbeatUrl(baseUrl, token);
  return [
    { label: "Success", command: `curl -fsS -m 10 --retry 3 ${url}` },
    { label: "Failure", command: `curl -fsS -m 10 --retry 3 ${url}/fail` },
    {
      label: "With details",
      command: `curl -fsS -m 10 --retry 3 -H 'Content-Type: application/json' -d '{"status":"ok","duration_ms":1234,"message":"backup done"}' ${url}`,
    },
    { label: "After a job", command: `./backup.sh && curl -fsS -m 10 --retry 3 ${url} || curl -fsS -m 10 --retry 3 ${url}/fail` },
  ];
}
