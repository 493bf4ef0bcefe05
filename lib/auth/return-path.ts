// universal: where "Confirm it's you" may send a person back to (pure).
/** A console path to return to, or /console for anything else (no open redirect to another site). */
export function consoleReturnPath(next: string | null | undefined): string {
  if (!next || !/^\/console(?:[/?#]|$)/.test(next) || next.includes("//") || next.includes("\\")) return "/console";
  return next;
}
