import type { Metadata } from "next";
import { MaintenanceForm } from "@/components/console/MaintenanceForm";
import { requireStaffPage } from "@/lib/auth/next-session";
import { listComponentsForForms } from "@/lib/console/queries";
import { db } from "@/lib/db";
import { loadPageSetting } from "@/lib/public/queries";
import { previewMarkdown } from "../../incidents/actions";
import { scheduleMaintenanceAction } from "../actions";

export const metadata: Metadata = { title: "Schedule maintenance · Vigil console" };

export default async function NewMaintenancePage() {
  await requireStaffPage("maintenance:write");
  const [components, page] = await Promise.all([listComponentsForForms(db()), loadPageSetting(db())]);
  return (
    <>
      <h1 className="text-2xl font-bold">Schedule maintenance</h1>
      <MaintenanceForm action={scheduleMaintenanceAction} preview={previewMarkdown} components={components} timeZone={page.timeZone} />
    </>
  );
}
