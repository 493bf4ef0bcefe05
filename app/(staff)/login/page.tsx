import type { Metadata } from "next";
import { connection } from "next/server";
import { redirect } from "next/navigation";
import { AuthCard } from "@/components/forms/AuthCard";
import { oidcConfig } from "@/lib/auth/oidc/config";
import { isOidcFailure, OIDC_FAILURES } from "@/lib/auth/oidc/failures";
import { countUsers } from "@/lib/auth/users";
import { db } from "@/lib/db";
import { PasskeyAssertion } from "@/components/forms/PasskeyForms";
import { passkeySignInAction, passkeySignInOptionsAction } from "./actions";
import { LoginForm } from "./LoginForm";
import { consoleReturnPath } from "@/lib/auth/return-path";

export const metadata: Metadata = { title: "Sign in · Vigil" };

type Props = { searchParams: Promise<{ sso?: string | string[]; next?: string | string[] }> };

export default async function LoginPage({ searchParams }: Props) {
  await connection();
  if ((await countUsers(db())) === 0) redirect("/setup");
  const sso = oidcConfig();
  // A refused single sign-on comes back as ?sso=<reason>: a fixed message per reason, nothing echoed.
  const { sso: reason, next: asked } = await searchParams;
  // A console page someone was sent here from: back there after signing in (checked again by the actions).
  const next = consoleReturnPath(typeof asked === "string" ? asked : null);
  const failure = isOidcFailure(reason) ? OIDC_FAILURES[reason] : null;
  return (
    <AuthCard title="Sign in to the status console">
      {failure && (
        <p role="alert" className="mb-4 rounded-md bg-red-50 px-3 py-2 text-sm text-red-900 dark:bg-red-950 dark:text-red-200">
          {failure}
        </p>
      )}
      {sso && (
        <>
          <a href="/auth/oidc/start" className="block rounded-md bg-teal-700 px-4 py-2 text-center text-sm font-semibold text-white hover:bg-teal-800">
            {`Sign in with ${sso.displayName}`}
          </a>
          <p className="my-6 text-center text-xs text-zinc-500 dark:text-zinc-400">or with your email and password</p>
        </>
      )}
      <LoginForm next={next} />
      <div className="mt-6 border-t border-zinc-200 pt-6 dark:border-zinc-800">
        <PasskeyAssertion begin={passkeySignInOptionsAction} finish={passkeySignInAction} label="Sign in with a passkey" next={next} />
      </div>
    </AuthCard>
  );
}
