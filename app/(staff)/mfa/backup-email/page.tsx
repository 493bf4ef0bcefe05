import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";
import { AuthCard } from "@/components/forms/AuthCard";
import { confirmBackupEmail } from "@/lib/auth/backup-email";
import { db } from "@/lib/db";
import { ServiceError } from "@/lib/errors";

export const metadata: Metadata = { title: "Confirm backup email · Vigil" };

type Props = { searchParams: Promise<{ token?: string }> };

export default async function ConfirmBackupEmailPage({ searchParams }: Props) {
  await connection();
  const { token } = await searchParams;
  let message: string;
  try {
    const email = await confirmBackupEmail(db(), String(token ?? ""));
    message = `${email} is confirmed as your backup email.`;
  } catch (error) {
    if (!(error instanceof ServiceError)) throw error;
    message = error.message;
  }
  return (
    <AuthCard title="Backup email">
      <p role="status" className="text-sm">
        {message}
      </p>
      <p className="mt-6">
        <Link href="/console/account" className="text-sm font-medium underline">
          Back to your account
        </Link>
      </p>
    </AuthCard>
  );
}
