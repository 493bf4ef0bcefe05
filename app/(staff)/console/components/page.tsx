import type { Metadata } from "next";
import Link from "next/link";
import { ActionButton } from "@/components/console/ActionButton";
import { AddComponentForm, GroupForm, StatusControl } from "@/components/console/ComponentControls";
import { ErrorBudgetBadge } from "@/components/console/ErrorBudget";
import { can } from "@/lib/auth/roles";
import { requireStaffPage } from "@/lib/auth/next-session";
import { Pager, SearchForm } from "@/components/console/ListControls";
import { listHref, parseListQuery } from "@/lib/console/paging";
import { COMPONENTS_PAGE_SIZE, type ComponentPageRow, listComponentPage } from "@/lib/console/queries";
import { db } from "@/lib/db";
import { loadPageSetting } from "@/lib/public/queries";
import { COMPONENT_STATUS_LABELS, type ComponentStatus } from "@/lib/status/schemas";
import { loadErrorBudgets } from "@/lib/uptime/budgets";
import { addComponentAction, addGroupAction, clearOverrideAction, moveAction, setStatusAction } from "./actions";

export const metadata: Metadata = { title: "Components · Vigil console" };

const panel = "rounded-lg border border-zinc-200 bg-white p-5 dark:border-zinc-800 dark:bg-zinc-900";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function ComponentsPage({ searchParams }: Props) {
  const { role } = await requireStaffPage();
  const canWrite = can(role, "components:write");
  const asked = parseListQuery(await searchParams);
  const [list, page] = await Promise.all([listComponentPage(db(), asked), loadPageSetting(db())]);
  const query = { q: asked.q, page: list.page };
  // One history read for the page's components with a target.
  const budgets = await loadErrorBudgets(
    db(),
    list.items.flatMap((i) => i.components),
    page.timeZone,
    new Date(),
  );
  // A small page shows every group open; a large one keeps them closed unless searching.
  const groupsOpen = query.q !== "" || list.totalComponents <= COMPONENTS_PAGE_SIZE;
  const searchable = query.q !== "" || list.totalComponents > COMPONENTS_PAGE_SIZE;

  const moveButtons = (kind: "component" | "group", id: string, name: string) => (
    <>
      <ActionButton action={moveAction.bind(null, kind, id, "up")} label={`↑ Move ${name} up`} />
      <ActionButton action={moveAction.bind(null, kind, id, "down")} label={`↓ Move ${name} down`} />
    </>
  );

  const row = (c: ComponentPageRow, nested: boolean) => (
    <li key={c.id} data-component={c.slug} className={`flex flex-wrap items-center justify-between gap-2 py-2 ${nested ? "pl-6" : ""}`}>
      <span>
        <span className="font-medium">{c.name}</span>
        {budgets.has(c.id) && <ErrorBudgetBadge budget={budgets.get(c.id)!} />}
        {c.manualStatus && (
          <span className="ml-2 rounded bg-amber-100 px-1.5 py-0.5 text-xs text-amber-900 dark:bg-amber-950 dark:text-amber-200">
            set by hand: {COMPONENT_STATUS_LABELS[c.manualStatus as ComponentStatus]}
          </span>
        )}
        {c.status === "under_maintenance" && c.manualStatus && c.manualStatus !== "under_maintenance" && (
          <span className="ml-2 text-xs text-zinc-500">(maintenance in progress shows first)</span>
        )}
      </span>
      {canWrite ? (
        <span className="flex flex-wrap items-center gap-2">
          <StatusControl action={setStatusAction.bind(null, c.id)} current={c.status} name={c.name} />
          {c.manualStatus && <ActionButton action={clearOverrideAction.bind(null, c.id)} label={`Clear override of ${c.name}`} />}
          {moveButtons("component", c.id, c.name)}
          <Link href={`/console/components/${c.id}`} className="rounded-md border border-zinc-300 px-2 py-1 text-xs font-medium dark:border-zinc-700">
            Edit {c.name}
          </Link>
        </span>
      ) : (
        <span className="text-sm">{COMPONENT_STATUS_LABELS[c.status as ComponentStatus]}</span>
      )}
    </li>
  );

  return (
    <>
      <h1 className="text-2xl font-bold">Components</h1>
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        A status set here (or by an open incident) is an override: it wins over automatic checks until you clear it. A maintenance in progress shows Under
        Maintenance first. Every change is recorded in the component’s history and shows on the public page at once.
      </p>
      {searchable && (
        <div className="flex flex-wrap items-center justify-between gap-3">
          <SearchForm path="/console/components" q={query.q} label="Search components" placeholder="Name, slug or group" />
          <span className="text-sm text-zinc-600 dark:text-zinc-400">
            {query.q !== ""
              ? `${list.matches.toLocaleString("en-US")} of ${list.totalComponents.toLocaleString("en-US")} components match`
              : `${list.totalComponents.toLocaleString("en-US")} components`}
          </span>
        </div>
      )}
      {list.items.length === 0 ? (
        <p className="text-sm text-zinc-500">{query.q !== "" ? "No component or group matches that search." : "No components yet."}</p>
      ) : (
        <ul className="divide-y divide-zinc-200 rounded-lg border border-zinc-200 bg-white px-4 dark:divide-zinc-800 dark:border-zinc-800 dark:bg-zinc-900">
          {list.items.map((item) =>
            item.group === null ? (
              row(item.components[0]!, false)
            ) : (
              <li key={item.group.id} data-group={item.group.name} className="py-2">
                <span className="flex flex-wrap items-center justify-between gap-2">
                  <span className="font-semibold">
                    {item.group.name} <span className="text-xs font-normal text-zinc-500">group</span>
                  </span>
                  {canWrite && (
                    <span className="flex flex-wrap items-center gap-2">
                      {moveButtons("group", item.group.id, item.group.name)}
                      <Link
                        href={`/console/components/groups/${item.group.id}`}
                        className="rounded-md border border-zinc-300 px-2 py-1 text-xs font-medium dark:border-zinc-700"
                      >
                        Edit group {item.group.name}
                      </Link>
                    </span>
                  )}
                </span>
                {item.components.length > 0 && (
                  <details open={groupsOpen}>
                    <summary className="cursor-pointer py-1 text-xs text-zinc-500">
                      {groupSummary(item.group.total, item.components.length, item.group.continued, item.group.continues)}
                    </summary>
                    <ul className="divide-y divide-zinc-100 dark:divide-zinc-800">{item.components.map((c) => row(c, true))}</ul>
                  </details>
                )}
              </li>
            ),
          )}
        </ul>
      )}
      <Pager page={list.page} pages={list.pages} href={(n) => listHref("/console/components", { ...query, page: n })} />
      {canWrite && (
        <>
          <section aria-labelledby="add" className={panel}>
            <h2 id="add" className="mb-4 font-semibold">
              Add a component
            </h2>
            <AddComponentForm action={addComponentAction} groups={list.groups} />
          </section>
          <section aria-labelledby="add-group" className={panel}>
            <h2 id="add-group" className="mb-4 font-semibold">
              Add a group
            </h2>
            <GroupForm action={addGroupAction} idPrefix="group" />
          </section>
        </>
      )}
    </>
  );
}

/** "12 components", or which of them this page shows when the group runs across pages. */
function groupSummary(total: number, shown: number, continued: boolean, continues: boolean): string {
  const all = `${total} component${total === 1 ? "" : "s"}`;
  if (!continued && !continues) return all;
  return `${shown} of ${all} here${continued ? ", more on the previous page" : ""}${continues ? ", more on the next page" : ""}`;
}
