// A page Next rendered, made light: Next's own scripts go (its runtime, the chunk preloads and
// the React Server Components payload it repeats inline — most of a page's bytes), since the
// public pages are server components with nothing for React to hydrate; the page script
// (lib/public/page-script.ts) comes in their place. JSON data blocks stay (inert). Pure, on our
// own render's HTML: React escapes `</script>` inside scripts, so the first `</script>` after
// an opening tag ends it.

const SCRIPT = /<script\b([^>]*)>[\s\S]*?<\/script>/gi;
const SCRIPT_PRELOAD = /<link\b[^>]*\brel="(?:preload|modulepreload)"[^>]*\bas="script"[^>]*\/?>|<link\b[^>]*\brel="modulepreload"[^>]*\/?>/gi;
/** A nonce in a page served to everyone is no secret: the cached page's CSP lists hashes instead. */
const NONCE = /\snonce="[^"]*"/g;
const DATA_SCRIPT = /\btype="application\/(?:ld\+)?json"/i;

export function lightenPageHtml(html: string, scriptPath: string | null): string {
  // Next's own error pages are built in the browser from the payload: those stay as they are.
  if (html.includes('id="__next_error__"')) return html;
  const light = html
    .replace(SCRIPT, (tag, attributes: string) => (DATA_SCRIPT.test(attributes) ? tag : ""))
    .replace(SCRIPT_PRELOAD, "")
    .replace(NONCE, "");
  if (!scriptPath) return light;
  const tag = `<script src="${scriptPath}" defer></script>`;
  return light.includes("</head>") ? light.replace("</head>", `${tag}</head>`) : light.replace("</body>", `${tag}</body>`);
}
