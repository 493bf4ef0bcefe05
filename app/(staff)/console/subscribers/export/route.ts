import { requireStaff } from "@/lib/auth/next-session";
import { ForbiddenError } from "@/lib/auth/staff";
import { db } from "@/lib/db";
import { exportSubscribersCsv } from "@/lib/subscribers/staff-verbs";

// GET /console/subscribers/export: every subscriber as CSV. Webhook URLs are included
// (admins need them to migrate), so only settings:manage may download it; audited.
export async function GET(): Promise<Response> {
  let staff: Awaited<ReturnType<typeof requireStaff>>;
  try {
    // Not signed in (or MFA still owed): redirects to the sign-in step, as pages do.
    staff = await requireStaff("settings:manage");
  } catch (error) {
    if (error instanceof ForbiddenError) return new Response(`${error.message}\n`, { status: 403, headers: { "Content-Type": "text/plain; charset=utf-8" } });
    throw error;
  }
  const { csv } = await exportSubscribersCsv(db(), staff);
  const day = new Date().toISOString().slice(0, 10);
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="vigil-subscribers-${day}.csv"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
