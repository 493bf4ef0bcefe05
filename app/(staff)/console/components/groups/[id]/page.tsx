import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ActionButton } from "@/components/console/ActionButton";
import { GroupForm } from "@/components/console/ComponentControls";
import { requireStaffPage } from "@/lib/auth/next-session";
import { getConsoleGroup } from "@/lib/console/queries";
import { db } from "@/lib/db";
import { deleteGroupAction, editGroupAction } from "../../actions";

export const metadata: Metadata = { title: "Edit group · Vigil console" };

type Props = { params: Promise<{ id: string }> };

export default async function EditGroupPage({ params }: Props) {
  await requireStaffPage("components:write");
  const group = await getConsoleGroup(db(), (await params).id);
  if (!group) notFound();
  return (
    <>
      <p className="text-sm">
        <Link href="/console/components" className="underline">
          ← Components
        </Link>
      </p>
      <h1 className="text-2xl font-bold">Group: {group.name}</h1>
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        {group.components.length === 0
          ? "No components yet: choose this group when you add or edit a component."
          : `Contains ${group.components.map((c) => c.name).join(", ")}. The group shows the worst status of its components.`}
      </p>
      <section className="rounded-lg border border-zinc-200 bg-white p-5 dark:border-zinc-800 dark:bg-zinc-900">
        <GroupForm action={editGroupAction.bind(null, group.id)} group={group} idPrefix="group" />
      </section>
      <section aria-labelledby="danger" className="rounded-lg border border-red-200 bg-white p-5 dark:border-red-900 dark:bg-zinc-900">
        <h2 id="danger" className="mb-2 font-semibold">
          Delete this group
        </h2>
        <p className="mb-3 text-sm text-zinc-600 dark:text-zinc-400">Its components stay, moved to the end of the top level.</p>
        <ActionButton action={deleteGroupAction.bind(null, group.id)} label={`Delete group ${group.name}`} confirm={`Delete the group ${group.name}?`} danger />
      </section>
    </>
  );
}
