import { z } from "zod";
import { recordAudit } from "../audit/record";
import { assertCan, type StaffContext } from "../auth/staff";
import type { DbOrTx } from "../db";
import { env } from "../env";
import { NotFoundError, ServiceError } from "../errors";
import { log } from "../log";
import { ImportSourceError } from "./errors";
import { formatSummary, type ImportSummary } from "./plan";
import { importFromStatuspage } from "./run";

// "Settings → Import from Statuspage": a staff verb starts a job (an ImportJob row) and
// runs it in the background of this process; the console page polls the row. The API key
// lives only in the running job's memory: it is never written to the row or the audit log.

export const StatuspageImportRequest = z
  .object({
    pageUrl: z.url({ protocol: /^https?$/, error: "enter the page's http(s) address, e.g. https://status.example.com" }).max(2000),
    apiKey: z.string().trim().max(200).optional(),
    pageId: z.string().trim().max(64).optional(),
    dryRun: z.boolean().default(false),
  })
  .transform((r) => ({ ...r, apiKey: r.apiKey || undefined, pageId: r.pageId || undefined }))
  .superRefine((r, ctx) => {
    if (r.apiKey && !r.pageId) ctx.addIssue({ code: "custom", path: ["pageId"], message: "the v1 API needs the page id with the key" });
    if (r.pageId && !r.apiKey) ctx.addIssue({ code: "custom", path: ["apiKey"], message: "the v1 API needs a key with the page id" });
  });
export type StatuspageImportRequest = z.input<typeof StatuspageImportRequest>;

export const IMPORT_JOB_STATUSES = ["queued", "running", "succeeded", "failed"] as const;
export type ImportJobStatus = (typeof IMPORT_JOB_STATUSES)[number];

/** A job that has not moved for this long died with its process (a restart): shown as failed. */
const STALE_MS = 10 * 60_000;

export interface ImportJobView {
  id: string;
  sourceUrl: string;
  dryRun: boolean;
  status: ImportJobStatus;
  progress: number;
  total: number;
  summary: ImportSummary | null;
  /** The summary as lines (formatSummary), for the page. */
  lines: string[];
  error: string | null;
  createdAt: string;
  finishedAt: string | null;
}

interface JobRow {
  id: string;
  sourceUrl: string;
  dryRun: boolean;
  status: string;
  progress: number;
  total: number;
  summary: string | null;
  error: string | null;
  createdAt: Date;
  updatedAt: Date;
  finishedAt: Date | null;
}

function present(row: JobRow, now: Date): ImportJobView {
  let status = row.status as ImportJobStatus;
  let error = row.error;
  if ((status === "running" || status === "queued") && now.getTime() - row.updatedAt.getTime() > STALE_MS) {
    status = "failed";
    error = "The import stopped when the server restarted. Start it again: what was imported is kept, and a new run picks up the rest.";
  }
  const summary = row.summary ? (JSON.parse(row.summary) as ImportSummary) : null;
  return {
    id: row.id,
    sourceUrl: row.sourceUrl,
    dryRun: row.dryRun,
    status,
    progress: row.progress,
    total: row.total,
    summary,
    lines: summary ? formatSummary(summary) : [],
    error,
    createdAt: row.createdAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
  };
}

export async function loadImportJob(db: DbOrTx, staff: StaffContext, id: string, now = new Date()): Promise<ImportJobView> {
  assertCan(staff, "settings:manage");
  const row = await db.importJob.findUnique({ where: { id: z.string().max(64).parse(id) } });
  if (!row) throw new NotFoundError("import job");
  return present(row, now);
}

export async function recentImportJobs(db: DbOrTx, staff: StaffContext, now = new Date()): Promise<ImportJobView[]> {
  assertCan(staff, "settings:manage");
  const rows = await db.importJob.findMany({ orderBy: { createdAt: "desc" }, take: 10 });
  return rows.map((r) => present(r, now));
}

export interface StartImportOptions {
  allowPrivate?: boolean;
  /** The v1 API's base URL instead of api.statuspage.io (tests). */
  apiUrl?: string;
  now?: Date;
}

/** Starts an import (or a dry run) in the background; `done` settles when it has finished (tests await it). */
export async function startStatuspageImport(
  db: DbOrTx,
  staff: StaffContext,
  raw: StatuspageImportRequest,
  options: StartImportOptions = {},
): Promise<{ jobId: string; done: Promise<void> }> {
  assertCan(staff, "settings:manage");
  const input = StatuspageImportRequest.parse(raw);
  const running = await db.importJob.count({ where: { status: { in: ["queued", "running"] }, updatedAt: { gt: new Date(Date.now() - STALE_MS) } } });
  if (running > 0) throw new ServiceError("conflict", "An import is already running: wait for it to finish.");
  const job = await db.importJob.create({ data: { sourceUrl: input.pageUrl, dryRun: input.dryRun, createdByEmail: staff.actor.email } });
  await recordAudit(db, staff.actor, {
    action: input.dryRun ? "import.dry_run" : "import.started",
    targetType: "import_job",
    targetId: job.id,
    after: { source: input.pageUrl, withApiKey: Boolean(input.apiKey), pageId: input.pageId ?? null },
  });
  const done = runImportJob(db, staff, job.id, input, options);
  return { jobId: job.id, done };
}

/** Runs a job to the end; never throws (the outcome is on the row). */
async function runImportJob(
  db: DbOrTx,
  staff: StaffContext,
  jobId: string,
  input: z.output<typeof StatuspageImportRequest>,
  options: StartImportOptions,
): Promise<void> {
  let lastWrite = 0;
  try {
    await db.importJob.update({ where: { id: jobId }, data: { status: "running", startedAt: new Date() } });
    const summary = await importFromStatuspage(db, {
      pageUrl: input.pageUrl,
      apiKey: input.apiKey,
      pageId: input.pageId,
      apiUrl: options.apiUrl,
      dryRun: input.dryRun,
      allowPrivate: options.allowPrivate ?? env().WEBHOOK_ALLOW_PRIVATE,
      now: options.now,
      onProgress: async (progress, total) => {
        // At most a few writes a second: the page polls once a second.
        if (progress !== 0 && progress !== total && Date.now() - lastWrite < 250) return;
        lastWrite = Date.now();
        await db.importJob.update({ where: { id: jobId }, data: { progress, total } });
      },
    });
    await db.importJob.update({ where: { id: jobId }, data: { status: "succeeded", summary: JSON.stringify(summary), finishedAt: new Date() } });
    if (!input.dryRun) {
      await recordAudit(db, staff.actor, {
        action: "import.completed",
        targetType: "import_job",
        targetId: jobId,
        after: { source: input.pageUrl, counts: summary.counts },
      });
    }
  } catch (error) {
    const message =
      error instanceof ImportSourceError || error instanceof ServiceError
        ? error.message
        : "The import failed on our side; what was written before the failure is kept.";
    if (!(error instanceof ServiceError)) log.error({ err: error, jobId }, "import job failed");
    await db.importJob
      .update({ where: { id: jobId }, data: { status: "failed", error: message, finishedAt: new Date() } })
      .catch((e: unknown) => log.error({ err: e, jobId }, "recording an import job's failure"));
    await recordAudit(db, staff.actor, {
      action: "import.failed",
      targetType: "import_job",
      targetId: jobId,
      after: { source: input.pageUrl, error: message },
    }).catch(() => {});
  }
}
