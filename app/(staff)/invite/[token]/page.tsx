import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";
import { AuthCard } from "@/components/forms/AuthCard";
import { db } from "@/lib/db";
import { findInvitation } from "@/lib/team/invitations";
import { acceptInvitationAction } from "./actions";
import { AcceptInvitationForm } from "./AcceptInvitationForm";

export const metadata: Metadata = { title: "Accept your invitation · Vigil", referrer: "no-referrer" };

type Props = { params: Promise<{ token: string }> };

export default async function InvitationPage({ params }: Props) {
  await connection();
  const { token } = await params;
  const invited = await findInvitation(db(), token);
  if (!invited) {
    return (
      <AuthCard title="Invitation">
        <p role="status" className="text-sm">
          This invitation link has expired or was already used. Ask an admin for a new one.
        </p>
        <p className="mt-6">
          <Link href="/login" className="text-sm font-medium underline">
            Sign in
          </Link>
        </p>
      </AuthCard>
    );
  }
  return (
    <AuthCard title={`Welcome, ${invited.name}`}>
      <p className="mb-6 text-sm text-zinc-600 dark:text-zinc-400">
        Choose the password for <strong>{invited.email}</strong>. Next you will set up an authenticator app: every staff account uses one.
      </p>
      <AcceptInvitationForm accept={acceptInvitationAction.bind(null, token)} email={invited.email} />
    </AuthCard>
  );
}
