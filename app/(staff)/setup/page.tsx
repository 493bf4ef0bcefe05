import type { Metadata } from "next";
import { connection } from "next/server";
import { redirect } from "next/navigation";
import { AuthCard } from "@/components/forms/AuthCard";
import { countUsers } from "@/lib/auth/users";
import { db } from "@/lib/db";
import { SetupForm } from "./SetupForm";

export const metadata: Metadata = { title: "Set up Vigil" };

// Exists only while there is no user at all; afterwards it sends people to sign in.
export default async function SetupPage() {
  await connection();
  if ((await countUsers(db())) > 0) redirect("/login");
  return (
    <AuthCard title="Create the first admin">
      <p className="mb-6 text-sm text-zinc-600 dark:text-zinc-400">
        This page is shown once, while Vigil has no accounts. You will set up an authenticator app next: every staff account uses one.
      </p>
      <SetupForm />
    </AuthCard>
  );
}
