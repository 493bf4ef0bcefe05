import { isMap, isPair, isScalar, isSeq, LineCounter, type Node, parseDocument } from "yaml";

// A status-as-code file read once: its value, and where each path of it sits in the text,
// so every error the schema or the plan reports names a line and column a person can open.

export type Path = readonly (string | number)[];

export interface SourceIssue {
  path: Path;
  message: string;
  /** An unknown or repeated key: point at the key itself rather than its value. */
  key?: string;
}

export interface LocatedIssue extends SourceIssue {
  line: number;
  column: number;
}

export interface ConfigSource {
  file: string;
  value: unknown;
  /** The line and column of `path` (or of its nearest ancestor present in the file). */
  locate(issue: SourceIssue): LocatedIssue;
  /** YAML's own errors: bad syntax, a key given twice. */
  syntaxErrors: LocatedIssue[];
}

/**
 * `npm run vigil -- export > vigil.yaml` puts npm's own "> vigil@0.1.0 vigil" lines before
 * the YAML (npm prints them to stdout unless run with -s): read them as blank lines, so the
 * file still applies and every line number stays the file's.
 */
export function blankNpmBanner(text: string): string {
  return text.replace(/^(?:\r?\n)*> [\w@./-]+@\S+ \S+\r?\n(?:> [^\n]*\n)?/, (banner) => banner.replace(/[^\n]/g, ""));
}

export function readConfigSource(file: string, text: string): ConfigSource {
  const lineCounter = new LineCounter();
  const source = blankNpmBanner(text);
  const doc = parseDocument(source, { lineCounter, uniqueKeys: true, prettyErrors: false });
  const at = (offset: number) => lineCounter.linePos(offset);
  const locate = (issue: SourceIssue): LocatedIssue => {
    const offset = offsetOf(doc.contents as Node | null, issue.path, issue.key);
    const { line, col } = at(offset);
    return { ...issue, line, column: col };
  };
  const syntaxErrors = [...doc.errors, ...doc.warnings].map((e) => {
    const { line, col } = at(e.pos[0]);
    const message =
      e.code === "DUPLICATE_KEY" ? `${/^[^:\n]*/.exec(source.slice(e.pos[0]))![0].trim()} is given twice in the same mapping` : firstLine(e.message);
    return { path: [], message, line, column: col };
  });
  return { file, value: syntaxErrors.length ? undefined : doc.toJS({ maxAliasCount: 100 }), locate, syntaxErrors };
}

function firstLine(message: string): string {
  return message.split("\n")[0]!.replace(/ at line \d+, column \d+:?$/, "");
}

/** The start offset of the deepest node on `path` (the key's own node when `key` names one). */
function offsetOf(root: Node | null, path: Path, key?: string): number {
  let node: Node | null = root;
  let offset = node?.range?.[0] ?? 0;
  for (const step of key === undefined ? path : [...path, key]) {
    const isLastKey = key !== undefined && step === key;
    const next = child(node, step, isLastKey);
    if (!next) break;
    node = next;
    offset = next.range?.[0] ?? offset;
  }
  return offset;
}

function child(node: Node | null, step: string | number, wantKey: boolean): Node | null {
  if (isSeq(node) && typeof step === "number") return (node.items[step] as Node | undefined) ?? null;
  if (!isMap(node)) return null;
  for (const pair of node.items) {
    if (!isPair(pair)) continue;
    const k = isScalar(pair.key) ? pair.key.value : pair.key;
    if (String(k) !== String(step)) continue;
    return ((wantKey ? pair.key : (pair.value ?? pair.key)) as Node | null) ?? null;
  }
  return null;
}

/** `components[2].check.url`: how an error names the place it is about. */
export function formatPath(path: Path): string {
  let out = "";
  for (const step of path) out += typeof step === "number" ? `[${step}]` : out ? `.${step}` : step;
  return out || "(file)";
}

/** `vigil.yaml:14:7 components[2].status: …` */
export function formatIssue(file: string, issue: LocatedIssue): string {
  const where = issue.key === undefined ? issue.path : [...issue.path, issue.key];
  return `${file}:${issue.line}:${issue.column} ${where.length ? `${formatPath(where)}: ` : ""}${issue.message}`;
}
