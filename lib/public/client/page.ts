// universal: the public pages' one script, bundled by lib/public/page-script.ts.
import { startOnDemandLoading } from "./on-demand";
import { startLiveRefresh } from "./live";
import { DayPopover, enhanceBars } from "./uptime";
import { ZoneView } from "./zone";

// Everything on the public pages reads without JavaScript: this adds what needs the browser —
// times in the visitor's zone, the uptime bars' day buttons and popover, a large page's groups and
// charts loaded when opened, and the refresh of a page showing something going on. It needs no framework: the pages are the server's HTML.

const POPOVER_ID = "uptime-day-popover";

function start(): void {
  const page = document.querySelector<HTMLElement>("[data-vigil-page]");
  if (!page) return;
  const locale = page.dataset.locale ?? "en-US";
  const zones = new ZoneView({ pageZone: page.dataset.pageZone ?? "UTC", locale, renderedAt: new Date(page.dataset.renderedAt ?? Date.now()) });
  const popover = new DayPopover(POPOVER_ID, locale);
  const enhance = (root: ParentNode) => {
    zones.apply(root);
    enhanceBars(root, popover);
  };
  enhance(document);
  startOnDemandLoading(enhance);
  startLiveRefresh({
    enhance: (main) => {
      popover.reset();
      enhance(main);
    },
    locale: () => locale,
    timeZone: () => zones.zone,
  });
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
else start();
