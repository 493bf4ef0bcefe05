// The probe benchmarks' fleet, shared by probe-data.ts (bench:probes, bench:memory) and
// console-data.ts (bench:console): an empty, migrated database gets a page, ceil(probes /
// perComponent) components and `probes` HTTP probes every 60 s against `targetUrl`.
import type { Db } from "../../lib/db";
import { CheckConfig, Schedule, Thresholds } from "../../lib/probes/checks/config";

export class NotEmptyError extends Error {}

/** Fills the fleet; returns the component ids in position order. Throws NotEmptyError on a used database. */
export async function createProbeFleet(db: Db, opts: { probes: number; perComponent: number; targetUrl: string; label: string }): Promise<string[]> {
  const { probes, perComponent, targetUrl } = opts;
  if ((await db.pageSetting.count()) > 0 || (await db.probe.count()) > 0) {
    throw new NotEmptyError(`${opts.label} is not empty: the benchmark needs an empty database (it fills it).`);
  }
  await db.pageSetting.create({ data: { id: 1, name: "Bench", url: "http://localhost", timeZone: "UTC" } });
  const schedule = JSON.stringify(Schedule.parse({ intervalSeconds: 60 }));
  const thresholds = JSON.stringify(Thresholds.parse({}));
  const components = Math.ceil(probes / perComponent);
  for (let c = 0; c < components; c += 500) {
    await db.component.createMany({
      data: Array.from({ length: Math.min(500, components - c) }, (_, i) => ({
        name: `Service ${c + i}`,
        slug: `service-${c + i}`,
        position: c + i,
        startDate: new Date(),
      })),
    });
  }
  const componentIds = (await db.component.findMany({ select: { id: true }, orderBy: { position: "asc" } })).map((c) => c.id);
  for (let p = 0; p < probes; p += 1000) {
    await db.probe.createMany({
      data: Array.from({ length: Math.min(1000, probes - p) }, (_, i) => {
        const n = p + i;
        const check = CheckConfig.parse({
          kind: "http",
          url: `${targetUrl}/p/${n}`,
          timeoutMs: 5000,
          jsonAssertions: [{ path: "$.status", op: "==", value: "UP" }],
        });
        return {
          componentId: componentIds[Math.floor(n / perComponent)]!,
          name: `probe ${n}`,
          kind: "http",
          config: JSON.stringify(check),
          schedule,
          thresholds,
        };
      }),
    });
  }
  return componentIds;
}
