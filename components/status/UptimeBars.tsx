import { COMPONENT_STATUS_LABELS, type ComponentStatus } from "@/lib/status/schemas";
import type { UptimeDayView } from "@/lib/public/types";
import { formatDayKey } from "@/lib/time/zoned";

function describeDay(day: UptimeDayView): string {
  const date = formatDayKey(day.day);
  if (day.worst === null) return `${date}: no data`;
  const outages = (Object.entries(day.minutes) as [ComponentStatus, number][])
    .filter(([status, m]) => status !== "operational" && m >= 1)
    .map(([status, m]) => `${COMPONENT_STATUS_LABELS[status]} ${Math.round(m)} min`);
  const incidents = day.incidents.map((i) => i.name);
  return [date, outages.length ? outages.join(", ") : "No downtime recorded", ...incidents].join("\n");
}

export function formatUptime(percent: number | null): string {
  if (percent === null) return "no data";
  // Never round an imperfect record up to 100 %.
  const floored = Math.floor(percent * 100) / 100;
  return `${floored.toFixed(2)} %`;
}

export function UptimeBars({ days, percent }: { days: UptimeDayView[]; percent: number | null }) {
  return (
    <div className="mt-2">
      <div className="uptime-bars" role="img" aria-label={`Uptime over the past ${days.length} days: ${formatUptime(percent)}`}>
        {days.map((day) => (
          // Styled by data-status in globals.css: 90 bars × every component is most of the page's bytes.
          <span key={day.day} title={describeDay(day)} data-status={day.worst ?? "no_data"} />
        ))}
      </div>
      <div className="mt-1 flex justify-between text-xs text-zinc-500 dark:text-zinc-400">
        <span>{days.length} days ago</span>
        <span className="mx-2 h-px flex-1 self-center bg-zinc-200 dark:bg-zinc-800" aria-hidden="true" />
        <span>{formatUptime(percent)} uptime</span>
        <span className="mx-2 h-px flex-1 self-center bg-zinc-200 dark:bg-zinc-800" aria-hidden="true" />
        <span>Today</span>
      </div>
    </div>
  );
}
