// One budget per check: the whole check (every redirect, the body) must end within
// timeoutMs, and the worker's signal can cancel it. `cause()` says which happened, so
// a runner reports "timeout" or "aborted" whatever error the library threw on abort.

export type DeadlineCause = "timeout" | "aborted";

export interface Deadline {
  signal: AbortSignal;
  cause(): DeadlineCause | null;
  remainingMs(): number;
  dispose(): void;
}

export function createDeadline(timeoutMs: number, outer?: AbortSignal): Deadline {
  const controller = new AbortController();
  const endsAt = performance.now() + timeoutMs;
  let cause: DeadlineCause | null = null;
  const end = (why: DeadlineCause) => {
    if (cause !== null) return;
    cause = why;
    controller.abort(new Error(why === "timeout" ? `timed out after ${timeoutMs} ms` : "check cancelled"));
  };
  const timer = setTimeout(() => end("timeout"), timeoutMs);
  const onOuterAbort = () => end("aborted");
  if (outer?.aborted) end("aborted");
  else outer?.addEventListener("abort", onOuterAbort, { once: true });
  return {
    signal: controller.signal,
    cause: () => cause,
    remainingMs: () => Math.max(1, Math.ceil(endsAt - performance.now())),
    dispose: () => {
      clearTimeout(timer);
      outer?.removeEventListener("abort", onOuterAbort);
    },
  };
}
