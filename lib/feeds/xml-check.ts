// A strict, tiny XML 1.0 reader for the feed tests (no XML parser is installed): it
// throws on anything not well-formed that the feeds could plausibly get wrong
// (unbalanced or misnested tags, unquoted or duplicate attributes, a bare "&" or "<",
// entities other than the five predefined ones, "]]>" in text, characters outside
// XML's Char range, more than one root) and returns the element tree with text and
// CDATA decoded. Not a validating parser: no DTDs, no namespace checks.

export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: (XmlElement | string)[];
}

const NAME = /[A-Za-z_:][A-Za-z0-9_.:-]*/y;
const INVALID_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;
const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

function decode(raw: string, where: number): string {
  if (raw.includes("<")) throw new Error(`"<" in text or attribute near ${where}`);
  return raw.replace(/&([^;]*);?/g, (match, ref: string) => {
    if (!match.endsWith(";")) throw new Error(`bare "&" near ${where}`);
    if (ref in ENTITIES) return ENTITIES[ref]!;
    const code = /^#x[0-9a-fA-F]+$/.test(ref) ? parseInt(ref.slice(2), 16) : /^#[0-9]+$/.test(ref) ? parseInt(ref.slice(1), 10) : NaN;
    if (Number.isNaN(code) || INVALID_CHAR.test(String.fromCodePoint(code))) throw new Error(`bad entity &${ref}; near ${where}`);
    return String.fromCodePoint(code);
  });
}

export function parseXml(xml: string): XmlElement {
  const bad = INVALID_CHAR.exec(xml);
  if (bad) throw new Error(`character U+${bad[0].codePointAt(0)!.toString(16)} is not allowed in XML 1.0 (at ${bad.index})`);
  let i = 0;
  const stack: XmlElement[] = [];
  let root: XmlElement | null = null;

  const name = (): string => {
    NAME.lastIndex = i;
    const m = NAME.exec(xml);
    if (!m) throw new Error(`expected a name at ${i}`);
    i += m[0].length;
    return m[0];
  };
  const skipSpace = () => {
    while (/\s/.test(xml[i] ?? "")) i++;
  };
  const expect = (s: string) => {
    if (!xml.startsWith(s, i)) throw new Error(`expected ${JSON.stringify(s)} at ${i}`);
    i += s.length;
  };
  const until = (s: string): string => {
    const end = xml.indexOf(s, i);
    if (end < 0) throw new Error(`unterminated construct at ${i}: missing ${JSON.stringify(s)}`);
    const text = xml.slice(i, end);
    i = end + s.length;
    return text;
  };

  if (xml.startsWith("<?xml")) {
    i = 5;
    if (!/\s/.test(xml[i] ?? "")) throw new Error("bad XML declaration");
    until("?>");
  }
  while (i < xml.length) {
    const parent = stack.at(-1);
    if (xml.startsWith("<!--", i)) {
      i += 4;
      if (until("-->").includes("--")) throw new Error(`"--" inside a comment before ${i}`);
    } else if (xml.startsWith("<![CDATA[", i)) {
      if (!parent) throw new Error(`CDATA outside the root element at ${i}`);
      i += 9;
      parent.children.push(until("]]>"));
    } else if (xml.startsWith("<?", i)) {
      i += 2;
      until("?>");
    } else if (xml.startsWith("</", i)) {
      i += 2;
      const closing = name();
      skipSpace();
      expect(">");
      const open = stack.pop();
      if (!open || open.name !== closing) throw new Error(`</${closing}> closes <${open?.name ?? "nothing"}> at ${i}`);
    } else if (xml[i] === "<") {
      if (!parent && root) throw new Error(`a second root element at ${i}`);
      i += 1;
      const element: XmlElement = { name: name(), attributes: {}, children: [] };
      for (;;) {
        const before = i;
        skipSpace();
        if (xml.startsWith("/>", i) || xml[i] === ">") break;
        if (i === before) throw new Error(`expected whitespace before an attribute at ${i}`);
        const attribute = name();
        skipSpace();
        expect("=");
        skipSpace();
        const quote = xml[i];
        if (quote !== '"' && quote !== "'") throw new Error(`unquoted attribute ${attribute} at ${i}`);
        i += 1;
        const at = i;
        if (attribute in element.attributes) throw new Error(`duplicate attribute ${attribute} at ${i}`);
        element.attributes[attribute] = decode(until(quote), at);
      }
      if (parent) parent.children.push(element);
      else root = element;
      if (xml.startsWith("/>", i)) i += 2;
      else {
        i += 1;
        stack.push(element);
      }
    } else {
      const at = i;
      const end = xml.indexOf("<", i);
      const raw = xml.slice(i, end < 0 ? xml.length : end);
      i += raw.length;
      if (raw.includes("]]>")) throw new Error(`"]]>" in text near ${at}`);
      if (!parent) {
        if (raw.trim() !== "") throw new Error(`text outside the root element at ${at}`);
        continue;
      }
      parent.children.push(decode(raw, at));
    }
  }
  if (stack.length > 0) throw new Error(`unclosed <${stack.at(-1)!.name}>`);
  if (!root) throw new Error("no root element");
  return root;
}

/** Child elements named `name`. */
export function childElements(element: XmlElement, name: string): XmlElement[] {
  return element.children.filter((c): c is XmlElement => typeof c !== "string" && c.name === name);
}

/** The only child element named `name` (throws when there is none or several). */
export function child(element: XmlElement, name: string): XmlElement {
  const found = childElements(element, name);
  if (found.length !== 1) throw new Error(`<${element.name}> has ${found.length} <${name}> children, expected 1`);
  return found[0]!;
}

/** The decoded text of an element (text and CDATA of its direct children). */
export function textOf(element: XmlElement): string {
  return element.children.filter((c): c is string => typeof c === "string").join("");
}
