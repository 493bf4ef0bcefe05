import { parseEvidence } from "@/lib/probes/state/evidence";

// Why a probe-driven status change happened: the checks that confirmed it and what
// each probe said at that moment (ComponentStatusChange.evidence).

export function Evidence({ json }: { json: string | null }) {
  const evidence = parseEvidence(json);
  if (!evidence) return null;
  const { checks, probes } = evidence;
  return (
    <details className="mt-1">
      <summary className="cursor-pointer text-xs font-medium underline">
        Evidence: {checks.length} check{checks.length === 1 ? "" : "s"}
        {probes.length ? `, ${probes.length} probe${probes.length === 1 ? "" : "s"}` : ""}
      </summary>
      {checks.length > 0 && (
        <ul className="mt-1 space-y-0.5 text-xs">
          {checks.map((c) => (
            <li key={`${c.region}-${c.startedAt}`}>
              <span className="font-mono">{c.startedAt.slice(0, 19).replace("T", " ")}</span> · {c.probe} from {c.region} · <strong>{c.outcome}</strong>
              {c.errorClass ? ` (${c.errorClass.replace(/_/g, " ")})` : ""} · {c.latencyMs} ms · {c.message}
            </li>
          ))}
        </ul>
      )}
      {probes.length > 0 && (
        <ul className="mt-1 space-y-0.5 text-xs text-zinc-600 dark:text-zinc-400">
          {probes.map((p) => (
            <li key={p.name}>
              {p.name}: {p.status ?? "no data"} (
              {Object.entries(p.regions)
                .map(([region, health]) => `${region} ${health ?? "unknown"}${p.stale.includes(region) ? ", not reporting" : ""}`)
                .join("; ")}
              )
            </li>
          ))}
        </ul>
      )}
    </details>
  );
}
