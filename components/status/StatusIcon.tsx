import type { ComponentStatus } from "@/lib/status/schemas";
import { STATUS_TEXT_CLASS } from "./status-style";

const PATHS: Record<ComponentStatus, string> = {
  // check
  operational: "M4 8.5l2.5 2.5L12 5.5",
  // minus
  degraded_performance: "M4.5 8h7",
  // exclamation
  partial_outage: "M8 4.5v4.5M8 11.2v.3",
  // cross
  major_outage: "M5 5l6 6M11 5l-6 6",
  // wrench-ish: a clock for planned work
  under_maintenance: "M8 4.5V8l2.5 1.5",
};

export function StatusIcon({ status, className = "" }: { status: ComponentStatus; className?: string }) {
  return (
    <svg
      viewBox="0 0 16 16"
      aria-hidden="true"
      className={`inline-block h-4 w-4 shrink-0 ${STATUS_TEXT_CLASS[status]} ${className}`}
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      strokeLinecap="round"
      strokeLinejoin="round"
    >
      <circle cx="8" cy="8" r="7" strokeWidth="1.5" opacity="0.35" />
      <path d={PATHS[status]} />
    </svg>
  );
}
