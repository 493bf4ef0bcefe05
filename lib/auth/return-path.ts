// universal: where "Confirm it's you" and sign-in may send a person back to (pure).

/** Set by proxy.ts on every page request: the path and query asked for. */
export const REQUEST_PATH_HEADER = "x-vigil-request-path";
/** A console path to return to, or /console for anything else (no open redirect to another site). */
export function consoleReturnPath(next: string | null | undefined): string {
  if (!next || !/^\/console(?:[/?#]|$)/.test(next) || next.includes("//") || next.includes("\\")) return "/console";
  return next;
}

/** `path` with `?next=` carrying a console page through sign-in and the second factor; nothing for the console's home. */
export function withReturnPath(path: string, next: string | null | undefined): string {
  const target = consoleReturnPath(next);
  return target === "/console" ? path : `${path}?next=${encodeURIComponent(target)}`;
}
