// The script behind `<script src="https://status.example.com/embed.js" async></script>`.
// Hand-written ES2017 (no build step; lib/embed/script.test.ts keeps it under 5 KB and
// runs it against a fake DOM). It reads /api/v2/summary.json from its own origin without
// cookies and, when an incident is unresolved or a maintenance is in progress, shows a
// small notice in a shadow root (so neither page's CSS leaks into the other). Dismissals
// are kept per incident id in the customer site's localStorage; nothing else is stored.
// Kept as a string, not a function's source, so every server sends the same bytes.

export const DISMISSED_KEY = "vigil-embed-dismissed";

const CSS = [
  ":host{all:initial}",
  ".n{position:fixed;z-index:2147483647;right:16px;bottom:16px;box-sizing:border-box;max-width:min(360px,calc(100vw - 32px));display:flex;gap:12px;align-items:flex-start;padding:12px 8px 12px 14px;border-left:4px solid var(--c);border-radius:8px;background:#fff;color:#18181b;box-shadow:0 4px 16px rgba(0,0,0,.2);font:14px/1.4 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif}",
  ".n:empty{padding:0;border:0;box-shadow:none}",
  ".t{flex:1;min-width:0}",
  "strong{display:block;font-size:12px;color:var(--c)}",
  "a{color:inherit;font-weight:600;overflow-wrap:anywhere}",
  ".m{display:block;margin-top:2px;font-size:12px;font-weight:400}",
  "button{all:unset;cursor:pointer;padding:0 6px;border-radius:4px;font-size:20px;line-height:1}",
  "a:focus-visible,button:focus-visible{outline:2px solid var(--c);outline-offset:2px}",
  ".minor{--c:#a16207}.major{--c:#c2410c}.critical{--c:#b91c1c}.maintenance{--c:#1d4ed8}.none{--c:#52525b}",
  "@media (prefers-color-scheme:dark){.n{background:#18181b;color:#f4f4f5;box-shadow:0 4px 16px rgba(0,0,0,.6)}.minor{--c:#facc15}.major{--c:#fb923c}.critical{--c:#f87171}.maintenance{--c:#60a5fa}.none{--c:#a1a1aa}}",
].join("");

const SOURCE = `(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || !script.src || window.__vigilEmbed) return;
  window.__vigilEmbed = true;
  var origin = new URL(script.src).origin;
  var KEY = ${JSON.stringify(DISMISSED_KEY)};
  var RANK = { critical: 3, major: 2, minor: 1 };

  function dismissed() {
    try { return JSON.parse(localStorage.getItem(KEY)) || []; } catch (e) { return []; }
  }
  function remember(ids) {
    try { localStorage.setItem(KEY, JSON.stringify(dismissed().concat(ids).slice(-50))); } catch (e) {}
  }
  function el(tag, text, attrs) {
    var node = document.createElement(tag);
    if (text) node.textContent = text;
    for (var name in attrs || {}) node.setAttribute(name, attrs[name]);
    return node;
  }

  function show(summary) {
    var hidden = dismissed();
    var items = (summary.incidents || [])
      .slice()
      .sort(function (a, b) { return (RANK[b.impact] || 0) - (RANK[a.impact] || 0); })
      .map(function (i) { return { id: i.id, name: i.name, tone: RANK[i.impact] ? i.impact : "none", title: "Ongoing incident" }; })
      .concat((summary.scheduled_maintenances || [])
        .filter(function (m) { return m.status === "in_progress" || m.status === "verifying"; })
        .map(function (m) { return { id: m.id, name: m.name, tone: "maintenance", title: "Maintenance in progress" }; }))
      .filter(function (item) { return hidden.indexOf(item.id) < 0; });
    if (!items.length) return;
    if (!document.body) return document.addEventListener("DOMContentLoaded", function () { show(summary); });

    var host = el("div", "", { "data-vigil-embed": "" });
    if (!host.attachShadow) return;
    var root = host.attachShadow({ mode: "open" });
    var box = el("div", "", { class: "n " + items[0].tone, role: "status", "aria-live": "polite" });
    root.appendChild(el("style", ${JSON.stringify(CSS)}));
    root.appendChild(box);
    document.body.appendChild(host);

    function dismiss() {
      remember(items.map(function (item) { return item.id; }));
      host.remove();
    }
    host.addEventListener("keydown", function (event) { if (event.key === "Escape") dismiss(); });

    // Filled after the empty live region is in the page, so screen readers announce it.
    setTimeout(function () {
      var text = el("div", "", { class: "t" });
      text.appendChild(el("strong", items[0].title));
      text.appendChild(el("a", items[0].name, { href: origin + "/incidents/" + encodeURIComponent(items[0].id), target: "_blank", rel: "noopener" }));
      if (items.length > 1) text.appendChild(el("a", "and " + (items.length - 1) + " more", { class: "m", href: origin + "/", target: "_blank", rel: "noopener" }));
      var close = el("button", "\\u00d7", { type: "button", "aria-label": "Dismiss status notice" });
      close.addEventListener("click", dismiss);
      box.appendChild(text);
      box.appendChild(close);
    }, 100);
  }

  fetch(origin + "/api/v2/summary.json", { credentials: "omit" })
    .then(function (response) { return response.ok ? response.json() : null; })
    .then(function (summary) { if (summary) show(summary); })
    .catch(function () {});
})();
`;

/** Served as is: the source without indentation and comment lines (no string spans lines). */
export const EMBED_SCRIPT = SOURCE.replace(/^[ \t]*\/\/.*\n/gm, "").replace(/^[ \t]+/gm, "");
