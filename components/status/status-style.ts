import type { ComponentStatus, PageIndicator } from "@/lib/status/schemas";

// Colour is never the only signal: every status also has a label and an icon shape.
export const STATUS_TEXT_CLASS: Record<ComponentStatus, string> = {
  operational: "text-st-operational",
  degraded_performance: "text-st-degraded",
  partial_outage: "text-st-partial",
  major_outage: "text-st-major",
  under_maintenance: "text-st-maintenance",
};

export const STATUS_BG_CLASS: Record<ComponentStatus, string> = {
  operational: "bg-st-operational",
  degraded_performance: "bg-st-degraded",
  partial_outage: "bg-st-partial",
  major_outage: "bg-st-major",
  under_maintenance: "bg-st-maintenance",
};

export const INDICATOR_STATUS: Record<PageIndicator, ComponentStatus> = {
  none: "operational",
  minor: "degraded_performance",
  major: "partial_outage",
  critical: "major_outage",
  maintenance: "under_maintenance",
};
