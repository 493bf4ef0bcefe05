// Real values for a route pattern's dynamic segments, from the seeded surface.
import { STATUSPAGE_PATHS } from "@/lib/status/statuspage-schemas";
import type { Surface } from "./surface";

export function paramValues(route: string, s: Surface): string[] {
  const records = [...s.ids.incident, ...s.ids.maintenance];
  const byRoute: Record<string, string[]> = {
    "/incidents/[id]": records,
    "/console/incidents/[id]": records,
    "/console/components/[id]": s.ids.component,
    "/console/components/groups/[id]": s.ids.group,
    "/badge/[slug]": s.ids.componentSlug.map((slug) => `${slug}.svg`),
    "/demo-target/[slug]": s.ids.componentSlug,
    "/api/v2/[...path]": [...STATUSPAGE_PATHS.map((p) => p.slice("/api/v2/".length)), "uptime.json"],
    "/api/manage/v1/[...path]": ["components", "incidents", "maintenances", ...records.map((id) => `incidents/${id}`)],
    "/v1/[...path]": [
      "pages",
      `pages/${s.statuspagePageId}`,
      ...["incidents", "incidents/unresolved", "incidents/scheduled", "components", "subscribers"].map((p) => `pages/${s.statuspagePageId}/${p}`),
      ...records.map((id) => `pages/${s.statuspagePageId}/incidents/${id}`),
    ],
  };
  return byRoute[route] ?? s.ids.component;
}

/** A route pattern with each dynamic segment a real value. */
export function realPath(route: string, s: Surface): string {
  return route.replace(/\[[^\]]+\]/g, () => paramValues(route, s)[0] ?? "none");
}
