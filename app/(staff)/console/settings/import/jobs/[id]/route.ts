import { requireStaff } from "@/lib/auth/next-session";
import { ForbiddenError } from "@/lib/auth/staff";
import { db } from "@/lib/db";
import { NotFoundError } from "@/lib/errors";
import { loadImportJob } from "@/lib/import/jobs";

// GET /console/settings/import/jobs/{id}: an import job's progress, polled by the import page.
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const json = (status: number, body: unknown) =>
    new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store" } });
  try {
    const staff = await requireStaff("settings:manage");
    return json(200, await loadImportJob(db(), staff, (await params).id));
  } catch (error) {
    if (error instanceof ForbiddenError) return json(403, { error: error.message });
    if (error instanceof NotFoundError) return json(404, { error: "There is no such import job." });
    throw error;
  }
}
