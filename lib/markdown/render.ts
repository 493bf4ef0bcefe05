import { Marked } from "marked";
import sanitizeHtml from "sanitize-html";
import { memoized } from "./memo";

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

/** marked's HTML through the allow-list. `discard` drops tags outside it (keeping their text) rather than showing them escaped. */
export function sanitizedMarkdown(source: string, disallowed: "escape" | "discard" = "escape"): string {
  return sanitizeHtml(marked.parse(source) as string, disallowed === "escape" ? SANITIZE : { ...SANITIZE, disallowedTagsMode: "discard" });
}

export const renderMarkdown = memoized((source: string): string => sanitizedMarkdown(source));
