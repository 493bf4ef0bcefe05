import { afterEach, describe, expect, it } from "vitest";
import { RevisionCache, StaleValue } from "./revision-cache";

let cache: RevisionCache | undefined;
afterEach(() => cache?.stop());

function setup() {
  let clock = 1_000;
  let revision = 1;
  let dbUp = true;
  let loads = 0;
  cache = new RevisionCache({
    readRevision: async () => {
      if (!dbUp) throw new Error("db down");
      return revision;
    },
    pollMs: 1000,
    maxAgeMs: 60_000,
    maxEntries: 10,
    now: () => clock,
  });
  const load = async () => {
    if (!dbUp) throw new Error("db down");
    loads++;
    return `value@${revision}`;
  };
  return {
    cache,
    load,
    loads: () => loads,
    tick: (ms: number) => (clock += ms),
    setRevision: (r: number) => (revision = r),
    setDbUp: (up: boolean) => (dbUp = up),
  };
}

describe("RevisionCache", () => {
  it("serves repeated reads from memory", async () => {
    const t = setup();
    await t.cache.get("home", t.load);
    await t.cache.get("home", t.load);
    await t.cache.get("home", t.load);
    expect(t.loads()).toBe(1);
  });

  it("loads once for a burst of concurrent misses", async () => {
    const t = setup();
    await Promise.all(Array.from({ length: 50 }, () => t.cache.get("home", t.load)));
    expect(t.loads()).toBe(1);
  });

  it("rebuilds after a local write invalidates it", async () => {
    const t = setup();
    await t.cache.get("home", t.load);
    t.setRevision(2);
    t.cache.invalidate();
    expect((await t.cache.get("home", t.load)).value).toBe("value@2");
  });

  it("rebuilds when another instance bumped the revision", async () => {
    const t = setup();
    await t.cache.checkRevision();
    await t.cache.get("home", t.load);
    t.setRevision(5);
    await t.cache.checkRevision();
    expect((await t.cache.get("home", t.load)).value).toBe("value@5");
  });

  it("rebuilds entries older than maxAge", async () => {
    const t = setup();
    await t.cache.get("home", t.load);
    t.tick(61_000);
    await t.cache.get("home", t.load);
    expect(t.loads()).toBe(2);
  });

  it("keeps serving the last snapshot, marked stale, while the database is down", async () => {
    const t = setup();
    await t.cache.get("home", t.load);
    t.setDbUp(false);
    t.cache.invalidate();
    const entry = await t.cache.get("home", t.load);
    expect(entry.value).toBe("value@1");
    expect(entry.staleSince).toBe(1_000);
    t.setDbUp(true);
    t.tick(60_000);
    const recovered = await t.cache.get("home", t.load);
    expect(recovered.staleSince).toBeNull();
  });

  it('rebuilds everything once the database answers again, so no page keeps its "as of" notice', async () => {
    const t = setup();
    await t.cache.checkRevision();
    await t.cache.get("home", t.load);
    t.setDbUp(false);
    await t.cache.checkRevision(); // fails: degraded
    t.setDbUp(true);
    await t.cache.checkRevision(); // same revision, but back from an outage
    await t.cache.get("home", t.load);
    expect(t.loads()).toBe(2);
  });

  it("a failed poll serves every entry as stale at once, without waiting for its own rebuild to fail", async () => {
    const t = setup();
    await t.cache.get("home", t.load);
    t.setDbUp(false);
    t.tick(5);
    await t.cache.checkRevision();
    expect((await t.cache.get("home", t.load)).staleSince).toBe(1_005);
  });

  it("fails when there is nothing to fall back on", async () => {
    const t = setup();
    t.setDbUp(false);
    await expect(t.cache.get("home", t.load)).rejects.toThrow("db down");
  });
});

describe("RevisionCache under a slow or hung database", () => {
  function hanging() {
    let release: (() => void) | undefined;
    let revision = 1;
    let hang = false;
    const clock = { t: 1_000 };
    const c = new RevisionCache({ readRevision: async () => revision, pollMs: 1000, maxAgeMs: 60_000, maxEntries: 10, waitMs: 30, now: () => clock.t });
    cache = c;
    const load = () =>
      hang
        ? new Promise<string>((resolve) => {
            const at = revision;
            release = () => resolve(`value@${at}`);
          })
        : Promise.resolve(`value@${revision}`);
    return { c, load, clock, setHang: (h: boolean) => (hang = h), setRevision: (r: number) => (revision = r), release: () => release?.() };
  }

  it("serves the older copy, marked stale, once the wait is over, and without waiting after that", async () => {
    const t = hanging();
    await t.c.get("home", t.load);
    t.setHang(true);
    t.setRevision(2);
    t.c.invalidate();
    const started = Date.now();
    const first = await t.c.get("home", t.load);
    expect(first).toMatchObject({ value: "value@1", staleSince: 1_000 });
    expect(Date.now() - started).toBeLessThan(1_000);
    t.clock.t += 100; // the rebuild is now overdue: no more waiting
    const again = Date.now();
    expect((await t.c.get("home", t.load)).value).toBe("value@1");
    expect(Date.now() - again).toBeLessThan(20);
    t.release();
    await new Promise((r) => setTimeout(r, 0));
    expect(await t.c.get("home", t.load)).toMatchObject({ value: "value@2", staleSince: null });
  });

  it("a revision poll that hangs past its deadline counts as failed, and only one poll is ever in flight", async () => {
    let polls = 0;
    let answer: ((revision: number) => void) | undefined;
    const c = new RevisionCache({
      readRevision: () => {
        polls++;
        return new Promise<number>((resolve) => (answer = resolve));
      },
      pollMs: 40, // the poll's deadline is min(pollMs, 2 s)
      maxAgeMs: 60_000,
      maxEntries: 10,
    });
    cache = c;
    await c.get("home", async () => "value@1").catch(() => undefined);
    answer?.(1);
    await new Promise((r) => setTimeout(r, 0));
    const hung = c.checkRevision();
    void c.checkRevision();
    await new Promise((r) => setTimeout(r, 60));
    expect((await c.get("home", async () => new Promise<string>(() => {}))).staleSince).not.toBeNull();
    expect(polls).toBe(2); // the first poll at start, then the hung one: no pile-up
    answer?.(1);
    await hung;
  });

  it("a rebuild that started before an invalidate never stores its old data as fresh", async () => {
    const t = hanging();
    await t.c.get("home", t.load);
    t.setHang(true);
    t.c.invalidate();
    const before = t.c.get("home", t.load); // reads revision 1, slowly
    const releaseOld = t.release;
    t.setRevision(2); // a write lands while that read is in flight…
    t.c.invalidate(); // …and invalidates
    t.setHang(false);
    releaseOld();
    await before;
    expect((await t.c.get("home", t.load)).value).toBe("value@2");
  });
});

describe("RevisionCache with entries built from another", () => {
  it("a page rendered from a stale snapshot is kept as stale, and rendered again as soon as the snapshot is fresh", async () => {
    let revision = 1;
    let release: (() => void) | undefined;
    let hang = false;
    const clock = { t: 1_000 };
    const c = new RevisionCache({
      readRevision: async () => revision,
      pollMs: 1000,
      maxAgeMs: 60_000,
      maxEntries: 10,
      waitMs: 30,
      keep: new Set(["home", "page"]),
      now: () => clock.t,
    });
    cache = c;
    const home = () =>
      hang
        ? new Promise<string>((resolve) => {
            const at = revision;
            release = () => resolve(`home@${at}`);
          })
        : Promise.resolve(`home@${revision}`);
    let renders = 0;
    // As lib/public/html.ts renders a page: from the home snapshot, stale when it is.
    const page = async () => {
      renders++;
      const { value, staleSince } = await c.get("home", home);
      return staleSince === null ? `page of ${value}` : new StaleValue(`page of ${value} (as of)`, staleSince);
    };
    expect((await c.get("page", page)).value).toBe("page of home@1");

    hang = true; // the database is slow to come back…
    revision = 2;
    c.invalidate(); // …when a write lands: home and page rebuild; the page gets the old snapshot after the wait
    await new Promise((r) => setTimeout(r, 60)); // past the wait
    expect(c.peekEntry("page")).toMatchObject({ value: "page of home@1 (as of)", staleSince: 1_000 });
    expect((await c.get("page", page)).value).toBe("page of home@1 (as of)"); // served as it is, not rendered again
    const rendersWhileStale = renders;

    hang = false;
    release?.(); // home is fresh again: the page is rendered again at once, not after maxAgeMs
    await new Promise((r) => setTimeout(r, 0));
    await new Promise((r) => setTimeout(r, 0));
    expect(renders).toBe(rendersWhileStale + 1);
    expect(await c.get("page", page)).toMatchObject({ value: "page of home@2", staleSince: null });
    const settled = renders;
    expect((await c.get("page", page)).value).toBe("page of home@2");
    expect(renders).toBe(settled); // and kept as fresh from then on
  });
});

describe("RevisionCache polling", () => {
  it("polls every pollMs, and much more often while the database is failing, so its return is seen at once", async () => {
    let up = true;
    let polls = 0;
    const c = new RevisionCache({
      readRevision: async () => {
        polls++;
        if (!up) throw new Error("db down");
        return 1;
      },
      pollMs: 10_000,
      degradedPollMs: 10,
      maxAgeMs: 60_000,
      maxEntries: 10,
    });
    cache = c;
    await c.get("home", async () => "value");
    const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
    await sleep(60);
    expect(polls).toBe(1); // the first poll at start; the next is 10 s away
    up = false;
    await c.checkRevision(); // fails: degraded
    const failedAt = polls;
    await sleep(60);
    expect(polls - failedAt).toBeGreaterThanOrEqual(3);
    up = true;
    await sleep(30); // the next quick poll sees it back…
    const back = polls;
    await sleep(60);
    expect(polls).toBe(back); // …and polling slows down again
  });
});

describe("RevisionCache eviction", () => {
  it("makes room by dropping the oldest entry that is not kept", async () => {
    const c = new RevisionCache({ readRevision: async () => 1, pollMs: 1000, maxAgeMs: 60_000, maxEntries: 3, keep: new Set(["home"]) });
    cache = c;
    let loads = 0;
    const load = async () => ++loads;
    await c.get("home", load);
    for (let i = 0; i < 10; i++) await c.get(`incident:${i}`, load);
    const before = loads;
    await c.get("home", load);
    expect(loads).toBe(before); // still cached after the flood
  });
});

describe("RevisionCache after a write", () => {
  it("starts rebuilding the kept keys at once, before anyone asks", async () => {
    const c = new RevisionCache({ readRevision: async () => 1, pollMs: 1000, maxAgeMs: 60_000, maxEntries: 10, keep: new Set(["home"]) });
    cache = c;
    let loads = 0;
    const load = async () => ++loads;
    await c.get("home", load);
    await c.get("other", load);
    c.invalidate();
    await new Promise((r) => setTimeout(r, 0));
    expect(loads).toBe(3); // home rebuilt by the invalidate; "other" waits for its next reader
    expect((await c.get("home", load)).value).toBe(3);
    expect(loads).toBe(3);
  });
});
