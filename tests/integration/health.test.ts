import { beforeAll, describe, expect, it, vi } from "vitest";
import { healthzResponse, isReady, readyzResponse } from "@/lib/health/checks";
import { seedIfEmpty } from "@/lib/seed/demo";
import { publicPageResponse } from "@/server/public-routes";
import { resetDb, testDatabaseUrl, testDb } from "./db";

const json = (body: Buffer | null) => JSON.parse(body!.toString("utf8"));
const get = (path: string) => publicPageResponse("GET", new URL(`http://localhost${path}`), { get: () => null }, "http://127.0.0.1:1");

beforeAll(async () => {
  vi.stubEnv("DATABASE_URL", testDatabaseUrl());
  const db = await testDb();
  await resetDb(db);
  await seedIfEmpty(db, { demo: false, url: "http://status.test/" });
});

describe("health endpoints", () => {
  it("/healthz answers without the database, never cached", () => {
    const response = healthzResponse("GET");
    expect([response.status, json(response.body), response.headers["Cache-Control"]]).toEqual([200, { status: "ok" }, "no-store"]);
  });

  it("/readyz is 200 when the database answers, every migration is applied and the snapshot is fresh", async () => {
    const response = (await get("/readyz"))!;
    expect(response.status).toBe(200);
    expect(json(response.body)).toEqual({ status: "ready", checks: { database: { ok: true }, migrations: { ok: true }, snapshot: { ok: true } } });
    expect((await get("/healthz"))!.status).toBe(200);
  });

  it("/readyz is 503 with the reason when a check fails", async () => {
    const down = { ok: false as const, reason: "the database gave no answer within 2000 ms" };
    const response = await readyzResponse("GET", async () => ({ database: down, migrations: { ok: true }, snapshot: { ok: true } }));
    expect(response.status).toBe(503);
    expect(json(response.body)).toMatchObject({ status: "not_ready", checks: { database: down } });
    expect(isReady({ database: { ok: true }, migrations: { ok: true }, snapshot: { ok: false, reason: "stale" } })).toBe(false);
  });
});
