import type { Metadata } from "next";
import { ActionButton } from "@/components/console/ActionButton";
import { AddComponentForm, StatusControl } from "@/components/console/ComponentControls";
import { can } from "@/lib/auth/roles";
import { requireStaffPage } from "@/lib/auth/next-session";
import { listComponentTree } from "@/lib/console/queries";
import { db } from "@/lib/db";
import { COMPONENT_STATUS_LABELS, type ComponentStatus } from "@/lib/status/schemas";
import { addComponentAction, moveAction, setStatusAction } from "./actions";

export const metadata: Metadata = { title: "Components · Vigil console" };

export default async function ComponentsPage() {
  const { role } = await requireStaffPage();
  const canWrite = can(role, "components:write");
  const { groups, components } = await listComponentTree(db());
  const top = [
    ...components.filter((c) => !c.groupId).map((c) => ({ position: c.position, component: c, group: null })),
    ...groups.map((g) => ({ position: g.position, component: null, group: g })),
  ].sort((a, b) => a.position - b.position);

  const row = (c: (typeof components)[number], nested: boolean) => (
    <li key={c.id} data-component={c.slug} className={`flex flex-wrap items-center justify-between gap-2 py-2 ${nested ? "pl-6" : ""}`}>
      <span className="font-medium">{c.name}</span>
      {canWrite ? (
        <span className="flex flex-wrap items-center gap-2">
          <StatusControl action={setStatusAction.bind(null, c.id)} current={c.status} name={c.name} />
          <ActionButton action={moveAction.bind(null, c.id, "up")} label={`↑ Move ${c.name} up`} />
          <ActionButton action={moveAction.bind(null, c.id, "down")} label={`↓ Move ${c.name} down`} />
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
        A status set here is recorded in the component’s history (source: staff) and shows on the public page at once. Incidents
        also set statuses; the latest change wins.
      </p>
      <ul className="divide-y divide-zinc-200 rounded-lg border border-zinc-200 bg-white px-4 dark:divide-zinc-800 dark:border-zinc-800 dark:bg-zinc-900">
        {top.map((item) =>
          item.component ? (
            row(item.component, false)
          ) : (
            <li key={item.group!.id} className="py-2">
              <span className="font-semibold">{item.group!.name}</span>
              <ul className="divide-y divide-zinc-100 dark:divide-zinc-800">
                {components.filter((c) => c.groupId === item.group!.id).map((c) => row(c, true))}
              </ul>
            </li>
          ),
        )}
      </ul>
      {canWrite && (
        <section aria-labelledby="add" className="rounded-lg border border-zinc-200 bg-white p-5 dark:border-zinc-800 dark:bg-zinc-900">
          <h2 id="add" className="mb-4 font-semibold">
            Add a component
          </h2>
          <AddComponentForm action={addComponentAction} groups={groups.map(({ id, name }) => ({ id, name }))} />
        </section>
      )}
    </>
  );
}
