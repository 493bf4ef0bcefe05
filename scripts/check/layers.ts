// `npm run lint` (after Biome): fails when lib/ folders import each other in a cycle, when a
// lower layer imports a higher one, when presenters import each other, when anything but
// lib/db.ts touches the generated Prisma clients, or when UI components reach the database.
// The layer table below is the map in docs/ARCHITECTURE.md: keep the two together.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { checkImports, type Import, type Layer } from "./layer-graph";

export const LAYERS: Record<string, Layer> = {
  // Base: no domain knowledge.
  db: "base",
  env: "base",
  errors: "base",
  forms: "base",
  http: "base",
  net: "base",
  time: "base",
  markdown: "base",
  mail: "base",
  migrations: "base",
  audit: "base",
  page: "base",
  prometheus: "base",
  async: "base",
  // Domains: rules and verbs.
  status: "domain",
  auth: "domain",
  team: "domain",
  "api-keys": "domain",
  components: "domain",
  notify: "domain",
  incidents: "domain",
  probes: "domain",
  subscribers: "domain",
  // Read models: what the public page and the console show, built from the domains.
  public: "read-model",
  console: "read-model",
  // Presenters: one outward format each, from the read model and the domains.
  statuspage: "presenter",
  feeds: "presenter",
  badges: "presenter",
  embed: "presenter",
  metrics: "presenter",
  api: "presenter",
  demo: "presenter",
  // Wiring inside lib/: background jobs and the demo seed.
  jobs: "wiring",
  seed: "wiring",
};

const ROOT = path.resolve(import.meta.dirname, "../..");
const SOURCE_DIRS = ["lib", "app", "components", "server", "scripts", "tests", "e2e"];
const SKIP = new Set(["node_modules", "generated", ".next"]);

function sourceFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    if (SKIP.has(name)) return [];
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(name) ? [full] : [];
  });
}

function resolve(fromFile: string, specifier: string): string | null {
  let base: string;
  if (specifier.startsWith("@/")) base = path.join(ROOT, specifier.slice(2));
  else if (specifier.startsWith(".")) base = path.resolve(path.dirname(fromFile), specifier);
  else return null;
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, "index.ts")]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  // The generated clients are not on disk before `npm run db:generate`; name them anyway.
  return base.includes(`${path.sep}lib${path.sep}generated`) ? base : null;
}

const files = [...SOURCE_DIRS.flatMap((d) => sourceFiles(path.join(ROOT, d))), path.join(ROOT, "instrumentation.ts")];
const imports: Import[] = [];
for (const file of files) {
  const info = ts.preProcessFile(readFileSync(file, "utf8"), true, true);
  for (const ref of info.importedFiles) {
    const target = resolve(file, ref.fileName);
    if (target) imports.push({ from: path.relative(ROOT, file), to: path.relative(ROOT, target) });
  }
}

const violations = checkImports(imports, LAYERS).map((v) => v.message);
for (const edge of imports) {
  if (edge.from.startsWith("components/") && (edge.to === "lib/db.ts" || edge.to.startsWith("lib/generated"))) {
    violations.push(`${edge.from} imports ${edge.to}: UI components get their data from a page or a query in lib/, never from the database`);
  }
}
if (violations.length > 0) {
  console.error(`Layer check: ${violations.length} problem(s). See docs/ARCHITECTURE.md.\n`);
  for (const v of violations) console.error(`  ${v}`);
  process.exit(1);
}
console.log(`Layer check: ${imports.length} imports in ${files.length} files, no cycle between lib/ folders, layers point one way.`);
