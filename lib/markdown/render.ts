import { Marked } from "marked";
import sanitizeHtml from "sanitize-html";

const marked = new Marked({ gfm: true, breaks: true, async: false });

// Staff write Markdown; the public reads it. Whatever marked produces is filtered
// through an allow-list: no scripts, styles, event handlers or non-http(s) links.
const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: [
    "p",
    "br",
    "strong",
    "em",
    "del",
    "code",
    "pre",
    "blockquote",
    "ul",
    "ol",
    "li",
    "a",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
  ],
  allowedAttributes: { a: ["href", "title", "rel", "target"], th: ["align"], td: ["align"] },
  allowedSchemes: ["http", "https", "mailto"],
  allowProtocolRelative: false,
  transformTags: {
    a: sanitizeHtml.simpleTransform("a", { rel: "nofollow noopener noreferrer", target: "_blank" }),
    // Headings inside an update must not compete with the page's own outline.
    h1: "h4",
    h2: "h4",
  },
  disallowedTagsMode: "escape",
};

// A fan-out renders the same update for thousands of subscribers: remember recent results.
const recent = new Map<string, string>();
const RECENT_LIMIT = 200;

export function renderMarkdown(source: string): string {
  const hit = recent.get(source);
  if (hit !== undefined) return hit;
  const html = sanitizeHtml(marked.parse(source) as string, SANITIZE);
  if (recent.size >= RECENT_LIMIT) recent.delete(recent.keys().next().value!);
  recent.set(source, html);
  return html;
}
