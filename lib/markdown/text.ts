import { convert, type HtmlToTextOptions } from "html-to-text";
import { memoized } from "./memo";
import { sanitizedMarkdown } from "./render";

// The plain-text part of an email: the update as a person reads it, not its Markdown
// source. Converted from the same sanitised HTML as the HTML part, except that HTML the
// author typed (shown escaped on the page) is dropped here: plain text has no tags.
const OPTIONS: HtmlToTextOptions = {
  wordwrap: 76,
  selectors: [
    { selector: "a", options: { linkBrackets: ["(", ")"], hideLinkHrefIfSameAsText: true } },
    ...["h3", "h4", "h5", "h6"].map((selector) => ({ selector, options: { uppercase: false } })),
    { selector: "ul", options: { itemPrefix: "- " } },
    { selector: "table", format: "dataTable", options: { uppercaseHeaderCells: false } },
  ],
};

/** "We are **investigating** [Hubdoc](https://h.example)" → "We are investigating Hubdoc (https://h.example)". */
export const markdownToText = memoized((source: string): string => convert(sanitizedMarkdown(source, "discard"), OPTIONS));
