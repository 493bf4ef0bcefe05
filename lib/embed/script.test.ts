import { Script, createContext } from "node:vm";
import { describe, expect, it } from "vitest";
import { DISMISSED_KEY, EMBED_SCRIPT } from "./script";

// The embed script runs on customers' sites; here it runs in a VM against just enough
// of a DOM to see what it fetches, what it shows and what it remembers.
// e2e/embed.spec.ts covers it in a real browser.

class FakeElement {
  children: FakeElement[] = [];
  parent: FakeElement | null = null;
  attributes = new Map<string, string>();
  textContent = "";
  shadowRoot: FakeElement | null = null;
  shadowMode: string | null = null;
  private listeners = new Map<string, ((event: unknown) => void)[]>();

  constructor(readonly tagName: string) {}
  setAttribute(name: string, value: unknown) {
    this.attributes.set(name, String(value));
  }
  getAttribute(name: string) {
    return this.attributes.get(name) ?? null;
  }
  appendChild(child: FakeElement) {
    child.parent = this;
    this.children.push(child);
    return child;
  }
  remove() {
    if (this.parent) this.parent.children = this.parent.children.filter((c) => c !== this);
    this.parent = null;
  }
  addEventListener(type: string, listener: (event: unknown) => void) {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }
  dispatch(type: string, event: unknown = {}) {
    for (const listener of this.listeners.get(type) ?? []) listener(event);
  }
  attachShadow({ mode }: { mode: string }) {
    this.shadowMode = mode;
    this.shadowRoot = new FakeElement("#shadow-root");
    return this.shadowRoot;
  }
  /** This element and every descendant, shadow trees included. */
  all(): FakeElement[] {
    return [this, ...(this.shadowRoot?.all() ?? []), ...this.children.flatMap((c) => c.all())];
  }
  get text(): string {
    return this.textContent + this.children.map((c) => c.text).join("");
  }
}

type Summary = { incidents?: unknown[]; scheduled_maintenances?: unknown[] };

const OPERATIONAL: Summary = {
  incidents: [],
  scheduled_maintenances: [{ id: "m-later", name: "Database upgrade", status: "scheduled" }],
};

async function runEmbed(summary: Summary | null, storage = new Map<string, string>(), src = "https://status.example.com/embed.js?v=1") {
  const body = new FakeElement("body");
  const fetches: { url: string; init: unknown }[] = [];
  const timers: (() => void)[] = [];
  const sandbox: Record<string, unknown> = {
    document: { currentScript: { src }, body, createElement: (tag: string) => new FakeElement(tag), addEventListener() {} },
    localStorage: {
      getItem: (key: string) => storage.get(key) ?? null,
      setItem: (key: string, value: string) => void storage.set(key, value),
    },
    fetch: (url: string, init: unknown) => {
      fetches.push({ url, init });
      return Promise.resolve(summary ? { ok: true, json: () => Promise.resolve(summary) } : { ok: false, json: () => Promise.reject(new Error("no")) });
    },
    setTimeout: (fn: () => void) => timers.push(fn),
    URL,
  };
  sandbox.window = sandbox;
  new Script(EMBED_SCRIPT).runInContext(createContext(sandbox));
  await new Promise((resolve) => setImmediate(resolve));
  for (const timer of timers.splice(0)) timer();
  const host = body.children.find((c) => c.getAttribute("data-vigil-embed") !== null) ?? null;
  const nodes = host?.all() ?? [];
  return {
    fetches,
    storage,
    host,
    body,
    status: nodes.find((n) => n.getAttribute("role") === "status") ?? null,
    links: nodes.filter((n) => n.tagName === "a"),
    button: nodes.find((n) => n.tagName === "button") ?? null,
    sandbox,
  };
}

const incident = (id: string, name: string, impact = "major") => ({ id, name, impact, status: "investigating" });

describe("embed.js", () => {
  it("is small, sets no cookies and is valid JavaScript", () => {
    expect(Buffer.byteLength(EMBED_SCRIPT)).toBeLessThan(5120);
    expect(EMBED_SCRIPT).not.toContain("document.cookie");
    expect(() => new Script(EMBED_SCRIPT)).not.toThrow();
    // ES2017: none of the later syntax (optional chaining, nullish coalescing, spread in object literals).
    expect(EMBED_SCRIPT).not.toMatch(/\?\.|\?\?|\.\.\./);
  });

  it("reads the summary from its own origin, without cookies", async () => {
    const { fetches } = await runEmbed(OPERATIONAL);
    expect(fetches).toEqual([{ url: "https://status.example.com/api/v2/summary.json", init: { credentials: "omit" } }]);
  });

  it("shows nothing when all is well (an upcoming maintenance is not news)", async () => {
    const { host, body } = await runEmbed(OPERATIONAL);
    expect(host).toBeNull();
    expect(body.children).toHaveLength(0);
  });

  it("shows nothing when the status page cannot be read", async () => {
    expect((await runEmbed(null)).host).toBeNull();
  });

  it("names an unresolved incident in a live region inside an open shadow root, linking to it", async () => {
    const { host, status, links, button } = await runEmbed({ incidents: [incident("inc 1", "Uploads failing")], scheduled_maintenances: [] });
    expect(host?.shadowMode).toBe("open");
    expect(host?.shadowRoot?.children.some((c) => c.tagName === "style")).toBe(true);
    expect(status?.getAttribute("aria-live")).toBe("polite");
    expect(status?.getAttribute("class")).toBe("n major");
    expect(status?.text).toContain("Ongoing incident");
    expect(status?.text).toContain("Uploads failing");
    expect(links.map((a) => [a.text, a.getAttribute("href")])).toEqual([["Uploads failing", "https://status.example.com/incidents/inc%201"]]);
    expect(button?.getAttribute("aria-label")).toBe("Dismiss status notice");
    expect(button?.getAttribute("type")).toBe("button");
  });

  it("puts the most severe incident first and links to the page for the rest", async () => {
    const { status, links } = await runEmbed({
      incidents: [incident("a", "Slow reports", "minor"), incident("b", "Everything down", "critical")],
      scheduled_maintenances: [{ id: "m", name: "Upgrade", status: "in_progress" }],
    });
    expect(status?.getAttribute("class")).toBe("n critical");
    expect(links.map((a) => [a.text, a.getAttribute("href")])).toEqual([
      ["Everything down", "https://status.example.com/incidents/b"],
      ["and 2 more", "https://status.example.com/"],
    ]);
  });

  it("announces maintenance in progress", async () => {
    const { status } = await runEmbed({ incidents: [], scheduled_maintenances: [{ id: "m", name: "Database upgrade", status: "verifying" }] });
    expect(status?.text).toContain("Maintenance in progress");
    expect(status?.text).toContain("Database upgrade");
    expect(status?.getAttribute("class")).toBe("n maintenance");
  });

  it("remembers a dismissal per incident in the site's localStorage, and shows a new incident again", async () => {
    const storage = new Map<string, string>();
    const first = await runEmbed({ incidents: [incident("a", "Uploads failing")] }, storage);
    first.button!.dispatch("click");
    expect(first.host?.parent).toBeNull();
    expect(JSON.parse(storage.get(DISMISSED_KEY)!)).toEqual(["a"]);

    expect((await runEmbed({ incidents: [incident("a", "Uploads failing")] }, storage)).host).toBeNull();
    const next = await runEmbed({ incidents: [incident("a", "Uploads failing"), incident("b", "Sign-in slow")] }, storage);
    expect(next.links.map((a) => a.text)).toEqual(["Sign-in slow"]);
  });

  it("dismisses with Escape too", async () => {
    const { host } = await runEmbed({ incidents: [incident("a", "Uploads failing")] });
    host!.dispatch("keydown", { key: "Escape" });
    expect(host?.parent).toBeNull();
  });

  it("still works when storage is blocked", async () => {
    const blocked = new Map<string, string>();
    blocked.get = () => {
      throw new Error("SecurityError");
    };
    blocked.set = () => {
      throw new Error("SecurityError");
    };
    const { button, host } = await runEmbed({ incidents: [incident("a", "Uploads failing")] }, blocked);
    expect(host).not.toBeNull();
    expect(() => button!.dispatch("click")).not.toThrow();
    expect(host?.parent).toBeNull();
  });

  it("sets its text as text, never as markup", async () => {
    const { status, host } = await runEmbed({ incidents: [incident("x", `<img src=x onerror="alert(1)">`)] });
    expect(status?.text).toContain(`<img src=x onerror="alert(1)">`);
    expect(host?.all().some((n) => n.tagName === "img")).toBe(false);
    expect(EMBED_SCRIPT).not.toContain("innerHTML");
  });

  it("runs once per page even when included twice", async () => {
    const storage = new Map<string, string>();
    const run = await runEmbed({ incidents: [incident("a", "Uploads failing")] }, storage);
    new Script(EMBED_SCRIPT).runInContext(createContext(run.sandbox));
    await new Promise((resolve) => setImmediate(resolve));
    expect(run.fetches).toHaveLength(1);
  });
});
