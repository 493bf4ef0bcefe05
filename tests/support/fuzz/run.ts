// Replays a corpus against the app with bounded concurrency and judges every answer
// (oracle.ts). A failure names the seed and the request, so it can be replayed alone:
// VIGIL_FUZZ_SEED=<seed> reproduces the same corpus.
import { forEachLimited } from "@/lib/async/concurrency";
import { problemsWith } from "./oracle";
import type { FuzzRequest, FuzzResponse } from "./request";
import { createSender } from "./send";

export interface Failure {
  index: number;
  request: FuzzRequest;
  response: FuzzResponse;
  problems: string[];
}

export interface FuzzReport {
  seed: number;
  sent: number;
  failures: Failure[];
  ms: number;
  /** How many answers had each status (null: none), for the log. */
  statuses: Record<string, number>;
  /** The slowest requests, for the log: where a run's time goes. */
  slowest: { label: string; ms: number }[];
}

// VIGIL_FUZZ_TRACE=1 prints every answer as it comes: where a stalled run stalled.
const TRACE = process.env.VIGIL_FUZZ_TRACE === "1";

export async function replay(origin: string, corpus: FuzzRequest[], { seed, concurrency = 8 }: { seed: number; concurrency?: number }): Promise<FuzzReport> {
  const sender = createSender(origin, { connections: concurrency });
  const failures: Failure[] = [];
  const statuses: Record<string, number> = {};
  const times: { label: string; ms: number }[] = [];
  const started = Date.now();
  try {
    await forEachLimited(
      corpus.map((request, index) => ({ request, index })),
      concurrency,
      async ({ request, index }) => {
        const response = await sender.send(request);
        if (TRACE) console.error(`fuzz #${index} ${response.status ?? "none"} ${response.ms} ms ${request.label.slice(0, 120)}`);
        statuses[String(response.status)] = (statuses[String(response.status)] ?? 0) + 1;
        times.push({ label: request.label, ms: response.ms });
        const problems = problemsWith(request, response);
        if (problems.length > 0) failures.push({ index, request, response, problems });
      },
    );
  } finally {
    await sender.close();
  }
  return {
    seed,
    sent: corpus.length,
    failures: failures.sort((a, b) => a.index - b.index),
    ms: Date.now() - started,
    statuses,
    slowest: times.sort((a, b) => b.ms - a.ms).slice(0, 10),
  };
}

const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max)}…(${text.length} chars)` : text);

function bodyOf(request: FuzzRequest): string {
  const body = request.raw ?? request.body;
  if (body === undefined) return "";
  return clip(JSON.stringify(Buffer.isBuffer(body) ? body.toString("latin1") : body), 400);
}

/** One failure, written so it can be replayed with curl or read at a glance. */
export function describeFailure(f: Failure, seed: number): string {
  const { request: r, response } = f;
  return [
    `#${f.index} (seed ${seed}) ${r.label}`,
    r.raw ? "  raw bytes:" : `  ${r.method} ${clip(JSON.stringify(r.path), 300)}`,
    ...r.headers.map(([n, v]) => `  ${n}: ${clip(JSON.stringify(v), 200)}`),
    ...(bodyOf(r) ? [`  body: ${bodyOf(r)}`] : []),
    `  → ${response.status ?? "no answer"} ${response.headers["content-type"] ?? ""} in ${response.ms} ms: ${clip(JSON.stringify(response.body), 300)}`,
    ...f.problems.map((p) => `  ✗ ${clip(p, 400)}`),
  ].join("\n");
}
