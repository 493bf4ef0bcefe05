// universal: runs in the visitor's browser (bundled by lib/public/page-script.ts).
import { delayOnVisible, nextPollDelay, REVISION_HEADER, SNAPSHOT_PATH, shouldRefresh } from "../live";

// Keeps a public page current while an incident or maintenance is going on (the server marks
// such a page: components/status/LivePageRefresh.tsx). Every 30–60 s, drawn again each time,
// it asks for the snapshot's headers with the ETag of what the page shows: a 304 while nothing
// changed, and HEAD, so a change costs no JSON either. A write (a new revision) is fetched at
// once; a change the clock alone made (today's uptime minutes) at most every 5 minutes.
// Paused while hidden; backs off after failures.
//
// On a change it fetches the page itself (served from the server's memory, the same bytes every
// visitor gets) and swaps in its <main>: open groups stay open, focus stays on the element it
// was on when that element is still there, what changed is highlighted and the time of the
// update is announced politely.

const SWAP_RETRIES = 4;
const SWAP_RETRY_MS = 1500;

/** How long a changed element keeps its highlight (the animation in app/globals.css is shorter). */
const HIGHLIGHT_MS = 3000;

/** Each `[data-live-key]` element's version: compared after a refresh to highlight what changed. */
function liveVersions(root: ParentNode): Map<string, string> {
  const versions = new Map<string, string>();
  for (const el of root.querySelectorAll<HTMLElement>("[data-live-key]")) versions.set(el.dataset.liveKey!, el.dataset.liveVersion ?? "");
  return versions;
}

function highlightChanges(root: ParentNode, before: Map<string, string>): void {
  for (const el of root.querySelectorAll<HTMLElement>("[data-live-key]")) {
    if (before.get(el.dataset.liveKey!) === (el.dataset.liveVersion ?? "")) continue;
    el.setAttribute("data-live-changed", "");
    window.setTimeout(() => el.removeAttribute("data-live-changed"), HIGHLIGHT_MS);
  }
}

const ANCHORS = ["data-live-key", "data-component", "data-group", "data-day", "id"] as const;

/**
 * A selector that finds the focused element again in the new HTML: the nearest named ancestor
 * (a card, a component, a group, a day, an id), then the element by its link or day.
 */
function focusKey(el: Element | null): string | null {
  if (!(el instanceof HTMLElement) || !el.closest("main")) return null;
  if (el.id) return `#${CSS.escape(el.id)}`;
  const tag = el.tagName.toLowerCase();
  const href = el.getAttribute("href");
  const own = href !== null ? `${tag}[href="${CSS.escape(href)}"]` : el.dataset.day ? `${tag}[data-day="${CSS.escape(el.dataset.day)}"]` : tag;
  const anchor = el.parentElement?.closest(ANCHORS.map((a) => `[${a}]`).join(","));
  const name = anchor ? ANCHORS.find((a) => anchor.hasAttribute(a)) : undefined;
  if (!anchor || !name || anchor.tagName === "MAIN") return `main ${own}`;
  return `[${name}="${CSS.escape(anchor.getAttribute(name)!)}"] ${own}`;
}

export interface LiveHooks {
  /** Runs over the new <main> once it is in the page (times in the chosen zone, the bars' buttons). */
  enhance: (main: HTMLElement) => void;
  locale: () => string;
  timeZone: () => string;
}

export function startLiveRefresh(hooks: LiveHooks): void {
  const marker = () => document.querySelector<HTMLElement>("[data-live-refresh]");
  if (!marker()) return;
  let shown = { etag: marker()!.dataset.etag ?? "", revision: marker()!.dataset.revision ?? "", at: Date.now() };
  let timer: number | undefined;
  let failures = 0;
  let plannedAt = Date.now();
  let planned = nextPollDelay(Math.random());
  /** Groups the visitor opened (true) or closed (false) by hand. */
  const toggledGroups = new Map<string, boolean>();
  document.addEventListener("click", (event) => {
    const summary = event.target instanceof Element ? event.target.closest("[data-group] > details > summary") : null;
    const details = summary?.parentElement as HTMLDetailsElement | undefined;
    // The click toggles after this listener: record the state it is about to have.
    if (details) toggledGroups.set(details.parentElement!.dataset.group ?? "", !details.open);
  });

  const arm = (delay: number) => {
    window.clearTimeout(timer);
    timer = window.setTimeout(() => void poll(), delay);
  };
  const plan = (delay: number) => {
    plannedAt = Date.now();
    planned = delay;
    arm(delay);
  };

  /**
   * Fetches the page and swaps its <main> in. `etag`: the snapshot the poll saw; a page still
   * showing an older one (this server's copy was being rebuilt, or another instance has not
   * seen the write yet) is not swapped in but asked for again shortly, a few times.
   */
  const swap = async (etag: string, attempt = 0): Promise<boolean> => {
    const response = await fetch(location.pathname + location.search, { cache: "no-store", headers: { Accept: "text/html" } });
    if (!response.ok) return false;
    const next = new DOMParser().parseFromString(await response.text(), "text/html");
    const main = document.querySelector<HTMLElement>("main");
    const nextMain = next.querySelector<HTMLElement>("main");
    if (!main || !nextMain) return false;
    const nextMarker = nextMain.querySelector<HTMLElement>("[data-live-refresh]");
    if (nextMarker && nextMarker.dataset.etag !== etag && attempt < SWAP_RETRIES) {
      await new Promise((resolve) => window.setTimeout(resolve, SWAP_RETRY_MS));
      return swap(etag, attempt + 1);
    }
    const before = liveVersions(main);
    const announcer = main.querySelector<HTMLElement>("[data-live-announce]");
    const focused = focusKey(document.activeElement);
    // (Copied out first: adopting a node takes it out of the live childNodes list.)
    main.replaceChildren(...Array.from(nextMain.childNodes).map((n) => document.adoptNode(n)));
    // The visitor's own opening or closing of a group wins over the server's default.
    for (const details of main.querySelectorAll<HTMLDetailsElement>("[data-group] > details")) {
      const chosen = toggledGroups.get(details.parentElement!.dataset.group ?? "");
      if (chosen !== undefined) details.open = chosen;
    }
    hooks.enhance(main);
    highlightChanges(main, before);
    if (focused) main.querySelector<HTMLElement>(focused)?.focus({ preventScroll: true });
    const now = marker();
    if (now) {
      shown = { etag: now.dataset.etag ?? shown.etag, revision: now.dataset.revision ?? shown.revision, at: Date.now() };
      // The live region stays the same element across swaps, so assistive technology hears its change.
      const fresh = now.querySelector<HTMLElement>("[data-live-announce]");
      if (announcer && fresh) fresh.replaceWith(announcer);
      const region = announcer ?? fresh;
      const time = new Intl.DateTimeFormat(hooks.locale(), { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone: hooks.timeZone() }).format(
        new Date(),
      );
      if (region) region.textContent = (now.dataset.updated ?? "{time}").replace("{time}", time);
    }
    return true;
  };

  const poll = async () => {
    if (document.visibilityState === "hidden") return; // visibilitychange resumes it
    try {
      const response = await fetch(SNAPSHOT_PATH, { method: "HEAD", cache: "no-store", headers: { "If-None-Match": shown.etag } });
      failures = response.status === 304 || response.ok ? 0 : failures + 1;
      const next = response.ok ? response.headers.get("etag") : null;
      const answer = { etagChanged: next !== null && next !== shown.etag, revisionChanged: response.headers.get(REVISION_HEADER) !== shown.revision };
      if (next && shouldRefresh(answer, Date.now() - shown.at)) {
        shown = { ...shown, etag: next };
        if (!(await swap(next))) failures++;
      }
    } catch (error) {
      console.warn("Vigil: the page could not refresh itself", error);
      failures++;
    }
    // The page no longer shows anything going on (the incident was resolved): stop.
    if (!marker()) return;
    plan(nextPollDelay(Math.random(), failures));
  };

  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "hidden") window.clearTimeout(timer);
    else arm(delayOnVisible(plannedAt, planned, Date.now()));
  });
  plan(planned);
}
