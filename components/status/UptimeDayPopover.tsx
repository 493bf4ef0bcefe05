// The one popover of the page's uptime bars: an empty dialog the page script
// (lib/public/client/uptime.ts) fills with the day's date, lines and incidents, placed under
// the day. Its words and the classes of its parts ride along as data attributes, so the
// script carries no text and no styling of its own.

export interface UptimeDayPopoverText {
  /** The popover's heading over the day's incidents. */
  incidents: string;
  noDowntime: string;
  noData: string;
  /** A quiet day's and an unmonitored day's button name, "{date}" left in (lib/public/uptime-day.ts quietDayTemplates). */
  quietDay: string;
  noDataDay: string;
}

export const POPOVER_ID = "uptime-day-popover";

export function UptimeDayPopover({ text }: { text: UptimeDayPopoverText }) {
  return (
    <div
      id={POPOVER_ID}
      popover="manual"
      role="dialog"
      aria-labelledby={`${POPOVER_ID}-title`}
      data-text-incidents={text.incidents}
      data-text-no-downtime={text.noDowntime}
      data-text-no-data={text.noData}
      data-text-quiet-day={text.quietDay}
      data-text-no-data-day={text.noDataDay}
      className="uptime-popover fixed m-0 w-max max-w-[min(20rem,calc(100vw-1rem))] rounded-md border border-zinc-200 bg-white p-3 text-sm text-zinc-900 shadow-lg dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100"
    />
  );
}
