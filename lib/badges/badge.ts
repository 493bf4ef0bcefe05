import { z } from "zod";
import type { PublicSnapshot } from "../public/types";
import type { ComponentStatus, PageIndicator } from "../status/schemas";
import { BADGE_STYLES, type BadgeSpec } from "./svg";

// What a badge URL asks for, and the badge it gets, as pure functions of the public
// snapshot. Image URLs are pasted into READMEs and dashboards and must never break
// an embed, so unknown query values fall back to their defaults instead of failing.

export const BADGE_METRICS = ["status", "uptime"] as const;
export type BadgeMetric = (typeof BADGE_METRICS)[number];
export const MAX_LABEL_LENGTH = 64;

export type BadgeTarget = { kind: "page" } | { kind: "component"; slug: string };

export interface BadgeRequest {
  target: BadgeTarget;
  /** `status` (default) or `uptime` (components only: the 90-day uptime). */
  metric: BadgeMetric;
  style: (typeof BADGE_STYLES)[number];
  /** A custom left-hand text, already cleaned; null for the default. */
  label: string | null;
}

export const PAGE_BADGE_PATH = "/badge.svg";
const COMPONENT_BADGE = /^\/badge\/([^/]{1,120})$/;

const BadgeQuery = z.object({
  metric: z.enum(BADGE_METRICS).catch("status"),
  style: z.enum(BADGE_STYLES).catch("flat"),
  label: z.string().optional().catch(undefined),
});

/** One line of printable text, at most MAX_LABEL_LENGTH characters; null when nothing is left. */
export function cleanLabel(raw: string | undefined): string | null {
  if (raw === undefined) return null;
  const text = raw
    .replace(/[\u0000-\u001f\u007f-\u009f]/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  const chars = [...text];
  if (chars.length === 0) return null;
  return chars.length > MAX_LABEL_LENGTH ? `${chars.slice(0, MAX_LABEL_LENGTH - 1).join("")}…` : text;
}

/** `/badge.svg` and any `/badge/<segment>`: the latter is a component's badge (`.svg` optional), or a 404 badge. */
export function isBadgePath(pathname: string): boolean {
  return pathname === PAGE_BADGE_PATH || COMPONENT_BADGE.test(pathname);
}

/** The badge a URL asks for; a path that names no component gets the 404 badge. */
export function parseBadgeRequest(pathname: string, search: URLSearchParams): BadgeRequest {
  let target: BadgeTarget;
  if (pathname === PAGE_BADGE_PATH) target = { kind: "page" };
  else {
    // The documented form is /badge/<slug>.svg; the bare slug works too (the console shows /badge/<slug>).
    const segment = COMPONENT_BADGE.exec(pathname)?.[1] ?? "";
    target = { kind: "component", slug: segment.endsWith(".svg") ? segment.slice(0, -4) : segment };
  }
  const query = BadgeQuery.parse({
    metric: search.get("metric") ?? undefined,
    style: search.get("style") ?? undefined,
    label: search.get("label") ?? undefined,
  });
  return { target, metric: target.kind === "page" ? "status" : query.metric, style: query.style, label: cleanLabel(query.label) };
}

// The public page's own palette (app/globals.css): white text on each meets WCAG AA (4.5:1).
export const STATUS_COLORS: Record<ComponentStatus, string> = {
  operational: "#15803d",
  degraded_performance: "#a16207",
  partial_outage: "#c2410c",
  major_outage: "#b91c1c",
  under_maintenance: "#1d4ed8",
};
export const NO_DATA_COLOR = "#9f9f9f";

const STATUS_MESSAGES: Record<ComponentStatus, string> = {
  operational: "operational",
  degraded_performance: "degraded performance",
  partial_outage: "partial outage",
  major_outage: "major outage",
  under_maintenance: "under maintenance",
};

const PAGE_BADGES: Record<PageIndicator, { message: string; color: string }> = {
  none: { message: "operational", color: STATUS_COLORS.operational },
  minor: { message: "degraded performance", color: STATUS_COLORS.degraded_performance },
  major: { message: "partial outage", color: STATUS_COLORS.partial_outage },
  critical: { message: "major outage", color: STATUS_COLORS.major_outage },
  maintenance: { message: "under maintenance", color: STATUS_COLORS.under_maintenance },
};

export interface BadgeComponent {
  name: string;
  status: ComponentStatus;
  /** null: no data yet, or the page hides this component's uptime. */
  uptimePercent: number | null;
}

export interface BadgeData {
  indicator: PageIndicator;
  components: ReadonlyMap<string, BadgeComponent>;
}

export function badgeData(snapshot: Pick<PublicSnapshot, "status" | "items">): BadgeData {
  const components = new Map<string, BadgeComponent>();
  for (const item of snapshot.items) {
    for (const c of item.type === "group" ? item.group.components : [item.component]) {
      components.set(c.slug, { name: c.name, status: c.status, uptimePercent: c.showUptime ? c.uptimePercent : null });
    }
  }
  return { indicator: snapshot.status.indicator, components };
}

/** Two decimals, never rounded up to a perfect record (as on the page). */
export function formatUptime(percent: number): string {
  return `${(Math.floor(percent * 100) / 100).toFixed(2)}%`;
}

/** Thresholds in the spirit of an SLO: three nines green, two nines yellow, then orange and red. */
export function uptimeColor(percent: number): string {
  if (percent >= 99.9) return STATUS_COLORS.operational;
  if (percent >= 99) return STATUS_COLORS.degraded_performance;
  if (percent >= 95) return STATUS_COLORS.partial_outage;
  return STATUS_COLORS.major_outage;
}

/** The badge for a request: 404 (a grey "not found" image) when the component does not exist. */
export function badgeFor(data: BadgeData, request: BadgeRequest): { status: 200 | 404; spec: BadgeSpec } {
  const { style } = request;
  if (request.target.kind === "page") {
    return { status: 200, spec: { label: request.label ?? "status", ...PAGE_BADGES[data.indicator], style } };
  }
  const component = data.components.get(request.target.slug);
  const defaultLabel = request.metric === "uptime" ? "uptime" : "status";
  if (!component) {
    return { status: 404, spec: { label: request.label ?? defaultLabel, message: "not found", color: NO_DATA_COLOR, style } };
  }
  if (request.metric === "uptime") {
    const percent = component.uptimePercent;
    return {
      status: 200,
      spec: {
        label: request.label ?? `${component.name} uptime`,
        message: percent === null ? "no data" : formatUptime(percent),
        color: percent === null ? NO_DATA_COLOR : uptimeColor(percent),
        style,
      },
    };
  }
  return {
    status: 200,
    spec: { label: request.label ?? component.name, message: STATUS_MESSAGES[component.status], color: STATUS_COLORS[component.status], style },
  };
}

/** A stable key for the rendered variant, for memoizing bodies. */
export function badgeRequestKey(request: BadgeRequest): string {
  const target = request.target.kind === "page" ? "page" : `c:${request.target.slug}`;
  return JSON.stringify([target, request.metric, request.style, request.label]);
}
