import { ZodError } from "zod";
import { requireStaffOrForbidden } from "@/lib/auth/next-session";
import { db } from "@/lib/db";
import { csvDownloadResponse } from "@/lib/http/csv-download";
import { loadPageSetting } from "@/lib/public/queries";
import { exportHistoryCsv } from "@/lib/uptime/csv-export";

// GET /console/reports/export?from=YYYY-MM-DD&to=YYYY-MM-DD: component status history and
// incidents with their updates as CSV (admins and editors; audited). A bad date goes back
// to the form with the field named, as the subscriber export's sibling forms do.
export async function GET(request: Request): Promise<Response> {
  const staff = await requireStaffOrForbidden("components:write");
  if (staff instanceof Response) return staff;
  const url = new URL(request.url);
  const query = { from: url.searchParams.get("from") ?? "", to: url.searchParams.get("to") ?? "" };
  try {
    const { timeZone } = await loadPageSetting(db());
    const { csv, filename } = await exportHistoryCsv(db(), staff, query, timeZone);
    return csvDownloadResponse(csv, filename);
  } catch (error) {
    if (!(error instanceof ZodError)) throw error;
    const issue = error.issues[0]!;
    const back = new URLSearchParams({ ...query, error: String(issue.path[0] ?? "from"), message: issue.message });
    return new Response(null, { status: 303, headers: { Location: `/console/reports?${back}`, "Cache-Control": "no-store" } });
  }
}
