// `npm run lint` (after Biome): fails when lib/ folders import each other in a cycle, when a
// lower layer imports a higher one, when presenters import each other, when anything but
// lib/db.ts touches the generated Prisma clients, when UI components reach the database,
// when code that runs in the browser imports a node: module, or when a client component
// binds a server action's arguments itself.
// The layer table below is the map in docs/ARCHITECTURE.md: keep the two together.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { builtinModules } from "node:module";
import path from "node:path";
import ts from "typescript";
import { checkImports, type Import, type Layer } from "./layer-graph";

export const LAYERS: Record<string, Layer> = {
  // Base: no domain knowledge.
  db: "base",
  env: "base",
  log: "base",
  "db-reachability": "base",
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
  text: "base",
  crypto: "base",
  i18n: "base",
  // Domains: rules and verbs.
  status: "domain",
  auth: "domain",
  team: "domain",
  "api-keys": "domain",
  components: "domain",
  notify: "domain",
  incidents: "domain",
  probes: "domain",
  settings: "domain",
  subscribers: "domain",
  vendors: "domain",
  integrations: "domain",
  // Read models: what the public page and the console show, built from the domains.
  public: "read-model",
  console: "read-model",
  uptime: "read-model",
  // Presenters: one outward format each, from the read model and the domains.
  statuspage: "presenter",
  feeds: "presenter",
  badges: "presenter",
  embed: "presenter",
  metrics: "presenter",
  api: "presenter",
  demo: "presenter",
  health: "presenter",
  // Wiring inside lib/: background jobs, the demo seed, backups and export/import.
  jobs: "wiring",
  seed: "wiring",
  secrets: "wiring",
  ops: "wiring",
  import: "wiring",
  gitops: "wiring",
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

/** Imports that survive compilation: `import type` and all-`type` named imports are erased. */
function runtimeSpecifiers(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest, false);
  const out: string[] = [];
  for (const statement of source.statements) {
    if (ts.isImportDeclaration(statement) && ts.isStringLiteral(statement.moduleSpecifier)) {
      const clause = statement.importClause;
      const bindings = clause?.namedBindings;
      const typeOnly =
        clause !== undefined &&
        (clause.isTypeOnly || (!clause.name && bindings !== undefined && ts.isNamedImports(bindings) && bindings.elements.every((e) => e.isTypeOnly)));
      if (!typeOnly) out.push(statement.moduleSpecifier.text);
    } else if (ts.isExportDeclaration(statement) && statement.moduleSpecifier && ts.isStringLiteral(statement.moduleSpecifier) && !statement.isTypeOnly) {
      out.push(statement.moduleSpecifier.text);
    }
  }
  return out;
}

const isNodeModule = (specifier: string) => specifier.startsWith("node:") || builtinModules.includes(specifier);

/**
 * Code that reaches the browser — a "use client" file, a file whose first line is a
 * `// universal:` comment, and everything either imports at run time — must not import
 * node: modules (documenso's universal/ rule): the client bundle would fail to build.
 * Server actions ("use server") are not followed: the client only gets references to them.
 */
function browserNodeImports(): string[] {
  const head = (file: string) => readFileSync(file, "utf8").trimStart();
  const found: string[] = [];
  const seen = new Set<string>();
  const queue = files.filter((f) => /^["']use client["']/.test(head(f)) || head(f).startsWith("// universal:"));
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    // A client imports a server action as a reference to call, not as code to bundle.
    if (/^["']use server["']/.test(head(file))) continue;
    for (const specifier of runtimeSpecifiers(file)) {
      if (isNodeModule(specifier)) {
        found.push(`${path.relative(ROOT, file)} imports ${specifier}, but it runs in the browser (a client component or a universal file imports it)`);
        continue;
      }
      const target = resolve(file, specifier);
      if (target && !target.includes(`${path.sep}generated`)) queue.push(target);
    }
  }
  return found;
}

/**
 * A client component that calls `.bind(` makes a new bound server action on every render; React's
 * no-JS path then suspends on each new one's arguments and renders forever (lib/forms.ts,
 * StateAction). Bound actions are made in server components and passed down.
 */
function clientBinds(): string[] {
  return files
    .filter((f) => /^["']use client["']/.test(readFileSync(f, "utf8").trimStart()) && /\.bind\(/.test(readFileSync(f, "utf8")))
    .map((f) => `${path.relative(ROOT, f)} calls .bind( in a client component: bind the action in the server component and pass it as a prop`);
}

const violations = checkImports(imports, LAYERS).map((v) => v.message);
for (const edge of imports) {
  if (edge.from.startsWith("components/") && (edge.to === "lib/db.ts" || edge.to.startsWith("lib/generated"))) {
    violations.push(`${edge.from} imports ${edge.to}: UI components get their data from a page or a query in lib/, never from the database`);
  }
}
violations.push(...browserNodeImports(), ...clientBinds());
if (violations.length > 0) {
  console.error(`Layer check: ${violations.length} problem(s). See docs/ARCHITECTURE.md.\n`);
  for (const v of violations) console.error(`  ${v}`);
  process.exit(1);
}
console.log(`Layer check: ${imports.length} imports in ${files.length} files, no cycle between lib/ folders, layers point one way.`);
