// PUBLIC_URL wins over the stored page URL wherever Vigil builds an absolute link.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { linkBuilder } from "@/lib/notify/links";
import { loadPageSetting } from "@/lib/public/queries";
import { publicPageUrl } from "@/lib/page/public-url";
import { seedIfEmpty } from "@/lib/seed/demo";
import { resetDb, testDb } from "./db";

vi.hoisted(() => {
  process.env.PUBLIC_URL = "https://status.example.com/";
});

beforeAll(async () => {
  const db = await testDb();
  await resetDb(db);
  await seedIfEmpty(db, { demo: false, url: "http://localhost:3000" });
});

describe("PUBLIC_URL", () => {
  it("is the page's URL for the public page, the Statuspage API, feeds and subscription links", async () => {
    const db = await testDb();
    expect((await loadPageSetting(db)).url).toBe("https://status.example.com");
    expect(await publicPageUrl(db)).toBe("https://status.example.com");
    const link = (await linkBuilder(db))("manage", "sub-1", new Date("2026-12-02T00:00:00Z"));
    expect(link).toMatch(/^https:\/\/status\.example\.com\/subscribe\/manage\?token=/);
    // The stored value is left as it was: unsetting PUBLIC_URL brings it back.
    expect((await db.pageSetting.findUniqueOrThrow({ where: { id: 1 } })).url).toBe("http://localhost:3000");
  });
});
