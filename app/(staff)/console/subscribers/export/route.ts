import { requireStaffOrForbidden } from "@/lib/auth/next-session";
import { db } from "@/lib/db";
import { csvDownloadResponse } from "@/lib/http/csv-download";
import { exportSubscribersCsv } from "@/lib/subscribers/staff-verbs";

// GET /console/subscribers/export: every subscriber as CSV. Webhook URLs are included
// (admins need them to migrate), so only settings:manage may download it; audited.
export async function GET(): Promise<Response> {
  // Not signed in (or MFA still owed): redirects to the sign-in step, as pages do.
  const staff = await requireStaffOrForbidden("settings:manage");
  if (staff instanceof Response) return staff;
  const { csv } = await exportSubscribersCsv(db(), staff);
  const day = new Date().toISOString().slice(0, 10);
  return csvDownloadResponse(csv, `vigil-subscribers-${day}.csv`);
}
