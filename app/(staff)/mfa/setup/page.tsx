import type { Metadata } from "next";
import { connection } from "next/server";
import { redirect } from "next/navigation";
import QRCode from "qrcode";
import { AuthCard } from "@/components/forms/AuthCard";
import { beginEnrolment } from "@/lib/auth/mfa";
import { currentSession } from "@/lib/auth/next-session";
import { otpauthUri } from "@/lib/auth/totp";
import { db } from "@/lib/db";
import { loadPageSetting } from "@/lib/public/queries";
import { EnrolForm } from "./EnrolForm";

export const metadata: Metadata = { title: "Set up your authenticator · Vigil" };

export default async function MfaSetupPage() {
  await connection();
  const session = await currentSession();
  if (!session) redirect("/login");
  // Enrolled but not verified in this session: verify instead (changing device is in the account page).
  if (session.user.mfaSecret && !session.mfaVerifiedAt) redirect("/mfa/verify");
  if (session.user.mfaSecret && !session.pendingMfaSecret) redirect("/console");
  const secret = await beginEnrolment(db(), session);
  const page = await loadPageSetting(db());
  const uri = otpauthUri({ issuer: `${page.name} Status`, account: session.user.email, secret });
  const qrSvg = await QRCode.toString(uri, { type: "svg", margin: 1, errorCorrectionLevel: "M" });
  return (
    <AuthCard title={session.user.mfaSecret ? "Set up your new authenticator" : "Set up two-step sign-in"}>
      <p className="mb-4 text-sm text-zinc-600 dark:text-zinc-400">
        Every staff account uses an authenticator app as a second step, so a stolen password alone cannot open the console.
      </p>
      <EnrolForm qrSvg={qrSvg} secret={secret} uri={uri} />
    </AuthCard>
  );
}
