import type { Metadata } from "next";
import { requireStaffPage } from "@/lib/auth/next-session";
import { consoleReturnPath } from "@/lib/auth/return-path";
import { confirmItsYouAction } from "./actions";
import { ConfirmForm } from "./ConfirmForm";

export const metadata: Metadata = { title: "Confirm it’s you · Vigil console" };

type Props = { searchParams: Promise<{ next?: string }> };

export default async function ConfirmPage({ searchParams }: Props) {
  await requireStaffPage();
  const next = consoleReturnPath((await searchParams).next);
  return (
    <>
      <h1 className="text-2xl font-bold">Confirm it’s you</h1>
      <p className="max-w-prose text-sm text-zinc-600 dark:text-zinc-400">
        Changing passwords, sign-in devices, recovery codes, API keys or the team needs your password and a code again (once every 10 minutes), so an unattended
        session cannot be used to take an account over. Then do what you were doing again.
      </p>
      <ConfirmForm confirm={confirmItsYouAction.bind(null, next)} />
    </>
  );
}
