import type { Metadata } from "next";
import { ActionButton, RoleSelect } from "@/components/console/ActionButton";
import { requireStaffPage } from "@/lib/auth/next-session";
import { listTeam } from "@/lib/team/queries";
import { db } from "@/lib/db";
import { AddMemberForm } from "./AddMemberForm";
import { pendingInvitations } from "@/lib/team/invitations";
import { formatDateTime } from "@/lib/time/zoned";
import { loadPageSetting } from "@/lib/public/queries";
import { changeRoleAction, removeMemberAction, renewInvitationAction, resetMfaAction } from "./actions";

export const metadata: Metadata = { title: "Team · Vigil console" };

export default async function TeamPage() {
  const staff = await requireStaffPage("team:manage");
  const [team, invited, page] = await Promise.all([listTeam(db()), pendingInvitations(db()), loadPageSetting(db())]);
  return (
    <>
      <h1 className="text-2xl font-bold">Team</h1>
      <table className="cards w-full overflow-hidden rounded-lg border border-zinc-200 bg-white text-sm dark:border-zinc-800 dark:bg-zinc-900">
        <thead className="bg-zinc-50 text-left dark:bg-zinc-800">
          <tr>
            <th className="px-3 py-2">Name</th>
            <th className="px-3 py-2">Role</th>
            <th className="px-3 py-2">MFA</th>
            <th className="px-3 py-2">Actions</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-200 dark:divide-zinc-800">
          {team.map((u) => (
            <tr key={u.id} data-user={u.email}>
              <td className="px-3 py-2">
                {u.name}
                <div className="text-xs text-zinc-500">{u.email}</div>
              </td>
              <td data-label="Role" className="px-3 py-2">
                {u.id === staff.actor.id ? u.role : <RoleSelect action={changeRoleAction.bind(null, u.id)} current={u.role} />}
              </td>
              <td data-label="MFA" className="px-3 py-2">
                {invited.has(u.id) ? (
                  <span className="text-amber-700 dark:text-amber-400">
                    Invited{invited.get(u.id)! > new Date() ? `, link valid until ${formatDateTime(invited.get(u.id)!, page.timeZone)}` : ": link expired"}
                  </span>
                ) : u.mfaEnrolledAt ? (
                  "Set up"
                ) : (
                  "Not yet"
                )}
              </td>
              <td className="space-x-2 px-3 py-2">
                {u.id !== staff.actor.id && (
                  <>
                    {invited.has(u.id) && <ActionButton action={renewInvitationAction.bind(null, u.id, u.email)} label="New link" />}
                    <ActionButton
                      action={resetMfaAction.bind(null, u.id)}
                      label="Reset MFA"
                      confirm={`Reset ${u.email}'s MFA? They must set up a device again.`}
                    />
                    <ActionButton action={removeMemberAction.bind(null, u.id)} label="Remove" danger confirm={`Remove ${u.email}?`} />
                  </>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <section aria-labelledby="add" className="rounded-lg border border-zinc-200 bg-white p-5 dark:border-zinc-800 dark:bg-zinc-900">
        <h2 id="add" className="mb-4 font-semibold">
          Invite a member
        </h2>
        <p className="mb-4 text-sm text-zinc-600 dark:text-zinc-400">
          They get a single-use link to choose their own password, then set up an authenticator app at their first sign-in.
        </p>
        <AddMemberForm />
      </section>
    </>
  );
}
