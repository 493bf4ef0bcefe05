import type { Metadata } from "next";
import { connection } from "next/server";
import { redirect } from "next/navigation";
import { AuthCard } from "@/components/forms/AuthCard";
import { countUsers } from "@/lib/auth/users";
import { db } from "@/lib/db";
import { PasskeyAssertion } from "@/components/forms/PasskeyForms";
import { passkeySignInAction, passkeySignInOptionsAction } from "./actions";
import { LoginForm } from "./LoginForm";

export const metadata: Metadata = { title: "Sign in · Vigil" };

export default async function LoginPage() {
  await connection();
  if ((await countUsers(db())) === 0) redirect("/setup");
  return (
    <AuthCard title="Sign in to the status console">
      <LoginForm />
      <div className="mt-6 border-t border-zinc-200 pt-6 dark:border-zinc-800">
        <PasskeyAssertion begin={passkeySignInOptionsAction} finish={passkeySignInAction} label="Sign in with a passkey" />
      </div>
    </AuthCard>
  );
}
