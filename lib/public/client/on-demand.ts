// universal: runs in the visitor's browser (bundled by lib/public/page-script.ts).

// A large page keeps its quiet groups' components and its response-time charts out of its
// HTML (components/status/ComponentList.tsx): each closed <details data-src> holds a link to
// the page that shows them (/groups/<id>, /components/<slug>; cached on the server like every
// public page). Opening one fetches that page and puts the part named by the placeholder's
// `data-pick` in the link's place. Without JavaScript the link leads there.

export function startOnDemandLoading(enhance: (root: HTMLElement) => void): void {
  const loading = new WeakSet<Element>();
  // `toggle` does not bubble: listen in the capture phase.
  document.addEventListener(
    "toggle",
    (event) => {
      const details = event.target;
      if (!(details instanceof HTMLDetailsElement) || !details.open || !details.dataset.src) return;
      const placeholder = details.querySelector<HTMLElement>(":scope > [data-placeholder]");
      if (!placeholder || loading.has(placeholder)) return;
      loading.add(placeholder);
      void load(details.dataset.src, placeholder, enhance).finally(() => loading.delete(placeholder));
    },
    true,
  );
}

async function load(src: string, placeholder: HTMLElement, enhance: (root: HTMLElement) => void): Promise<void> {
  try {
    const response = await fetch(src, { headers: { Accept: "text/html" } });
    if (!response.ok) return;
    const page = new DOMParser().parseFromString(await response.text(), "text/html");
    const part = page.querySelector<HTMLElement>(placeholder.dataset.pick ?? "");
    if (!part || !placeholder.isConnected) return;
    const adopted = document.adoptNode(part);
    if (placeholder.dataset.listClass) adopted.className = placeholder.dataset.listClass;
    placeholder.replaceWith(adopted);
    enhance(adopted);
  } catch {
    // The link stays: following it shows the page.
  }
}
