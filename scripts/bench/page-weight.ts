// `npm run bench:page-weight`: what a visitor downloads to read the public home page, and what
// rendering it costs the server, on the demo and on a page with BENCH_COMPONENTS (1,000; 0
// skips) components (scripts/bench/page-data.ts: half in groups of 10, 7 days of probe
// history, 90 days of status changes), each served by the production build as `npm start`
// starts it. For each: the HTML raw and compressed (brotli, gzip), the stylesheet and script it
// links, the total a first visit transfers, the time of the first render and the server's
// memory before and after it. Baseline in the same run: the page's React Server Components
// payload (what Next sends for a client-side navigation, and what the page used to repeat
// inline besides its HTML), fetched as Next's router asks for it.
//
// Issue 16's goals: demo ≤ 60 KB transferred in all (HTML + CSS + JS, compressed) and
// ≤ 150 KB raw HTML; 1,000 components ≤ 1.5 MB raw HTML. Exits 1 when one is missed.
import { spawnSync } from "node:child_process";
import { request } from "undici";
import { freePort, freshDb, launch, mb, scripts, sleep, stop, treeRss, waitForOutput } from "./processes";

const COMPONENTS = Number(process.env.BENCH_COMPONENTS ?? 1000);
const DIR = "data/bench-page-weight";
const KB = 1024;
/** What Chromium sends. */
const BROWSER = "gzip, deflate, br, zstd";
const kb = (bytes: number) => `${(bytes / KB).toFixed(1)} KB`;

/** The body's bytes as they came over the wire (undici's request does not decode them, unlike fetch). */
async function size(url: string, coding: string, extra: Record<string, string> = {}): Promise<number> {
  const response = await request(url, { headers: { "accept-encoding": coding, ...extra } });
  return Buffer.from(await response.body.arrayBuffer()).byteLength;
}

interface Weight {
  label: string;
  rawHtml: number;
  brHtml: number;
  gzipHtml: number;
  assets: { path: string; br: number; gzip: number; raw: number }[];
  rsc: number;
  renderMs: number;
  rssBefore: number;
  rssAfter: number;
}

async function measure(label: string, env: Record<string, string>): Promise<Weight> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const { child, output } = launch(scripts.start!, { ...env, PORT: String(port), HOSTNAME: "127.0.0.1", PROBES_ENABLED: "false" }, label);
  try {
    await waitForOutput(output, "ready on", 600_000, label);
    await sleep(3000);
    const rssBefore = treeRss(child.pid!);
    const started = performance.now();
    const html = await (await fetch(`${base}/`)).text();
    const renderMs = performance.now() - started;
    await sleep(1000);
    const rssAfter = treeRss(child.pid!);
    const links = [...html.matchAll(/<(?:link rel="stylesheet" href|script src)="([^"]+)"/g)].map((m) => m[1]!);
    const assets = [];
    for (const path of links) {
      // As a browser asks (Next serves its stylesheet with gzip only; Vigil's own bytes with either).
      assets.push({ path, br: await size(base + path, BROWSER), gzip: await size(base + path, "gzip"), raw: await size(base + path, "identity") });
    }
    const rsc = (await (await fetch(`${base}/`, { headers: { rsc: "1", "accept-encoding": "identity" } })).arrayBuffer()).byteLength;
    return {
      label,
      rawHtml: Buffer.byteLength(html),
      brHtml: await size(`${base}/`, BROWSER),
      gzipHtml: await size(`${base}/`, "gzip"),
      assets,
      rsc,
      renderMs,
      rssBefore,
      rssAfter,
    };
  } finally {
    await stop(child);
  }
}

function report(w: Weight): { transferred: number } {
  const brAssets = w.assets.reduce((n, a) => n + a.br, 0);
  const gzipAssets = w.assets.reduce((n, a) => n + a.gzip, 0);
  const transferred = w.brHtml + brAssets;
  console.log(`\n${w.label}`);
  console.log(`  HTML             raw ${kb(w.rawHtml)}, browser ${kb(w.brHtml)}, gzip ${kb(w.gzipHtml)}`);
  for (const a of w.assets) console.log(`  ${a.path.padEnd(44)} raw ${kb(a.raw)}, browser ${kb(a.br)}, gzip ${kb(a.gzip)}`);
  console.log(
    `  first visit      ${kb(transferred)} as a browser asks (brotli where offered), ${kb(w.gzipHtml + gzipAssets)} with gzip only (HTML + CSS + JS)`,
  );
  console.log(`  baseline         the RSC payload the page no longer repeats: ${kb(w.rsc)} raw (${(w.rsc / w.rawHtml).toFixed(1)}× today's HTML)`);
  console.log(`  first render     ${(w.renderMs / 1000).toFixed(2)} s; server RSS ${mb(w.rssBefore)} → ${mb(w.rssAfter)}`);
  return { transferred };
}

const failures: string[] = [];
const demo = await measure("demo (15 components)", { DATABASE_URL: freshDb(DIR, "demo"), SEED_DEMO: "true" });
const demoTotals = report(demo);
if (demoTotals.transferred > 60 * KB) failures.push(`demo transfers ${kb(demoTotals.transferred)} (goal ≤ 60 KB)`);
if (demo.rawHtml > 150 * KB) failures.push(`demo HTML is ${kb(demo.rawHtml)} (goal ≤ 150 KB)`);

if (COMPONENTS > 0) {
  const url = freshDb(DIR, "large");
  console.log(`\nwriting ${COMPONENTS.toLocaleString("en-US")} components with their history (scripts/bench/page-data.ts)…`);
  const seeded = spawnSync(process.execPath, ["--import", "tsx", "scripts/bench/page-data.ts", url, String(COMPONENTS), "http://127.0.0.1:1"], {
    stdio: "inherit",
  });
  if (seeded.status !== 0) throw new Error("page-data failed");
  const large = await measure(`${COMPONENTS.toLocaleString("en-US")} components`, { DATABASE_URL: url, SEED_DEMO: "false" });
  report(large);
  if (large.rawHtml > 1.5 * 1024 * KB) failures.push(`${COMPONENTS} components: HTML is ${kb(large.rawHtml)} (goal ≤ 1.5 MB)`);
}

console.log(failures.length ? `\nMissed: ${failures.join("; ")}` : "\nEvery goal met.");
process.exit(failures.length ? 1 : 0);
