// The rules behind `npm run lint`'s layer check, as pure functions over an import graph so
// they can be tested without a source tree. scripts/check/layers.ts feeds them the real one.
// Hand-written rather than dependency-cruiser: its current major needs Node 22, and the
// rules here are about lib/ *folders* (a cycle through twelve folders can hide behind
// file-level graphs with no file cycle at all).

export type Layer = "base" | "domain" | "read-model" | "presenter" | "wiring";

/** Lower layers never import higher ones. Presenters never import each other. */
export const LAYER_RANK: Record<Layer, number> = { base: 0, domain: 1, "read-model": 2, presenter: 3, wiring: 4 };

export interface Import {
  /** Importing file, relative to the repository root (lib/probes/worker.ts). */
  from: string;
  /** Imported file, relative to the repository root. */
  to: string;
}

export interface Violation {
  rule: "cycle" | "layer" | "presenter-sibling" | "generated-client" | "unknown-folder";
  message: string;
}

/** `lib/probes/checks/run.ts` → `probes`; `lib/db.ts` → `db`; anything outside lib/ → null. */
export function libFolder(file: string): string | null {
  const parts = file.split("/");
  if (parts[0] !== "lib" || parts.length < 2) return null;
  return parts.length === 2 ? parts[1]!.replace(/(\.test)?\.tsx?$/, "") : parts[1]!;
}

/** Strongly connected components of more than one folder (Tarjan), each as a sorted list. */
export function folderCycles(edges: ReadonlyMap<string, ReadonlySet<string>>): string[][] {
  let index = 0;
  const indexes = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (node: string): void => {
    indexes.set(node, index);
    low.set(node, index);
    index++;
    stack.push(node);
    onStack.add(node);
    for (const next of edges.get(node) ?? []) {
      if (!indexes.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node)!, indexes.get(next)!));
      }
    }
    if (low.get(node) === indexes.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1) cycles.push(component.sort());
    }
  };
  for (const node of [...edges.keys()].sort()) if (!indexes.has(node)) visit(node);
  return cycles;
}

/** Files allowed to import the generated Prisma clients: the one database factory. */
export const GENERATED_CLIENT_IMPORTERS = ["lib/db.ts"];

export function checkImports(imports: readonly Import[], layers: Readonly<Record<string, Layer>>): Violation[] {
  const violations: Violation[] = [];
  const edges = new Map<string, Set<string>>();
  const example = new Map<string, Import>();
  const unknown = new Set<string>();
  for (const edge of imports) {
    const from = libFolder(edge.from);
    const to = libFolder(edge.to);
    if (to === "generated" && !GENERATED_CLIENT_IMPORTERS.includes(edge.from)) {
      violations.push({
        rule: "generated-client",
        message: `${edge.from} imports ${edge.to}: only ${GENERATED_CLIENT_IMPORTERS.join(", ")} may use the generated clients`,
      });
    }
    if (from === null || to === null || from === to || to === "generated") continue;
    for (const folder of [from, to]) if (!(folder in layers)) unknown.add(folder);
    if (!edges.has(from)) edges.set(from, new Set());
    edges.get(from)!.add(to);
    if (!example.has(`${from}>${to}`)) example.set(`${from}>${to}`, edge);
    const fromLayer = layers[from];
    const toLayer = layers[to];
    if (!fromLayer || !toLayer) continue;
    if (LAYER_RANK[toLayer] > LAYER_RANK[fromLayer]) {
      violations.push({ rule: "layer", message: `${edge.from} (${fromLayer}) imports ${edge.to} (${toLayer}): a lower layer never imports a higher one` });
    } else if (fromLayer === "presenter" && toLayer === "presenter") {
      violations.push({ rule: "presenter-sibling", message: `${edge.from} imports ${edge.to}: presenters never import each other` });
    }
  }
  for (const folder of [...unknown].sort()) {
    violations.push({ rule: "unknown-folder", message: `lib/${folder} has no layer: add it to scripts/check/layers.ts and docs/ARCHITECTURE.md` });
  }
  for (const cycle of folderCycles(edges)) {
    const members = new Set(cycle);
    const through = [...example.entries()]
      .filter(([key]) => {
        const [a, b] = key.split(">") as [string, string];
        return members.has(a) && members.has(b);
      })
      .map(([, e]) => `${e.from} → ${e.to}`);
    violations.push({ rule: "cycle", message: `import cycle between lib/ folders ${cycle.join(", ")}, through:\n    ${through.join("\n    ")}` });
  }
  return violations;
}
