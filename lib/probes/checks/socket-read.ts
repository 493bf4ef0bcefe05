import type { Duplex } from "node:stream";

// Reading a plain-text exchange off a socket (banners, SMTP/IMAP/POP3 replies) until what
// a check waits for has arrived, the peer closes, or the deadline's signal fires. Bounded:
// at most MAX_BYTES are kept, so a peer streaming without end cannot grow memory.

const MAX_BYTES = 64 * 1024;

export type ReadEnd = "matched" | "closed" | "aborted" | "error";

export interface ReadOutcome {
  text: string;
  end: ReadEnd;
  error?: Error;
}

/**
 * Collects text from `socket` (starting with `already`, what an earlier read left over)
 * until `done(text)` holds. Leaves the socket open and its listeners removed.
 */
export function readUntil(socket: Duplex, done: (text: string) => boolean, signal: AbortSignal, already = ""): Promise<ReadOutcome> {
  return new Promise((resolve) => {
    let text = already;
    const finish = (end: ReadEnd, error?: Error) => {
      socket.off("data", onData);
      socket.off("end", onEnd);
      socket.off("close", onEnd);
      socket.off("error", onError);
      signal.removeEventListener("abort", onAbort);
      resolve({ text, end, ...(error ? { error } : {}) });
    };
    const onData = (chunk: Buffer | string) => {
      if (text.length < MAX_BYTES) text += (typeof chunk === "string" ? chunk : chunk.toString("latin1")).slice(0, MAX_BYTES - text.length);
      if (done(text) || text.length >= MAX_BYTES) finish(done(text) ? "matched" : "closed");
    };
    const onEnd = () => finish("closed");
    const onError = (error: Error) => finish("error", error);
    const onAbort = () => finish("aborted");
    if (done(text)) return resolve({ text, end: "matched" });
    if (signal.aborted) return resolve({ text, end: "aborted" });
    socket.on("data", onData);
    socket.once("end", onEnd);
    socket.once("close", onEnd);
    socket.once("error", onError);
    signal.addEventListener("abort", onAbort, { once: true });
  });
}

/** "\r\n", "\n", "\t" and "\\" typed as text (a form field has no line breaks) become the characters. */
export function unescapeText(value: string): string {
  return value.replace(/\\([rnt\\])/g, (_, c: string) => (c === "r" ? "\r" : c === "n" ? "\n" : c === "t" ? "\t" : "\\"));
}

/** A received text for a message: one line, control characters shown, at most 120 characters. */
export function quoteReceived(text: string): string {
  const shown = text.replace(/\r?\n/g, "⏎").replace(/[\x00-\x1f\x7f]/g, "·");
  return JSON.stringify(shown.length > 120 ? `${shown.slice(0, 120)}…` : shown);
}
