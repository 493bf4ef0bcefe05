import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db";
import { noteSignIn } from "@/lib/auth/known-devices";
import { createPage, resetDb, testDb } from "./db";

// "New sign-in to your account": which full sign-ins are announced by email.

let db: Db;
const CHROME = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
const FIREFOX = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0";

beforeEach(async () => {
  db = await testDb();
  await resetDb(db);
  await createPage(db);
});

async function user(email: string) {
  return (await db.user.create({ data: { email, name: email.split("@")[0]!, role: "editor", passwordHash: "x" } })).id;
}

describe("known devices", () => {
  it("the first browser is not announced, the same browser again is not, another one is", async () => {
    const ana = await user("ana@example.com");
    const first = await noteSignIn(db, ana, { token: undefined, ip: "203.0.113.7", userAgent: CHROME });
    expect(first).toMatchObject({ announce: false, description: "Chrome on Linux" });
    expect(first.token).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const again = await noteSignIn(db, ana, { token: first.token, ip: "203.0.113.8", userAgent: CHROME });
    expect(again).toEqual({ token: first.token, announce: false, description: "Chrome on Linux" });

    const other = await noteSignIn(db, ana, { token: undefined, ip: "198.51.100.4", userAgent: FIREFOX });
    expect(other).toMatchObject({ announce: true, description: "Firefox on Windows" });
    expect(other.token).not.toBe(first.token);

    const rows = await db.knownDevice.findMany({ where: { userId: ana }, orderBy: { firstSeenAt: "asc" } });
    expect(rows.map((r) => [r.description, r.ip])).toEqual([
      ["Chrome on Linux", "203.0.113.8"],
      ["Firefox on Windows", "198.51.100.4"],
    ]);
    // Stored hashed: the cookie's value is not in the table.
    expect(rows.some((r) => r.tokenHash === first.token)).toBe(false);
  });

  it("a cookie from someone else's sign-in, or a forged one, does not vouch for this user", async () => {
    const [ana, bob] = [await user("ana@example.com"), await user("bob@example.com")];
    const anas = await noteSignIn(db, ana, { token: undefined, ip: null, userAgent: CHROME });
    await noteSignIn(db, bob, { token: undefined, ip: null, userAgent: FIREFOX });
    const bobOnAnasBrowser = await noteSignIn(db, bob, { token: anas.token, ip: null, userAgent: CHROME });
    expect(bobOnAnasBrowser.announce).toBe(true);
    expect(bobOnAnasBrowser.token).not.toBe(anas.token);
    expect((await noteSignIn(db, ana, { token: "x".repeat(43), ip: null, userAgent: CHROME })).announce).toBe(true);
    expect((await noteSignIn(db, ana, { token: "not even the right shape", ip: null, userAgent: CHROME })).announce).toBe(true);
  });
});
