/**
 * The address the browser used to reach Vigil, as a first guess for the page's public URL:
 * the Host header, and https when a trusted proxy says the request came in over it. Only a
 * pre-filled value: the admin confirms it, and the settings schema checks it.
 */
export function requestOriginGuess(host: string | null, forwardedProto: string | null, trustProxy: boolean): string {
  const name = host && /^[a-z0-9.[\]:-]+$/i.test(host) ? host.toLowerCase() : "localhost";
  const proto = trustProxy && forwardedProto?.split(",")[0]?.trim() === "https" ? "https" : "http";
  return `${proto}://${name}`;
}
