import { randomUUID } from "node:crypto";
import { checkWebhookUrl } from "../net/ssrf";
import { recordAudit } from "../audit/record";
import { assertCan, type StaffContext } from "../auth/staff";
import { inTransaction, isUniqueViolation, type DbOrTx, type Tx } from "../db";
import { env } from "../env";
import { InvalidInputError, NotFoundError, ServiceError } from "../errors";
import { wakeDispatcher } from "../notify/outbox/enqueue";
import { insertRows } from "./bulk-insert";
import { CsvParseError, isBlankRow, parseCsv, toCsv } from "./csv";
import { displayTarget } from "./queries";
import { type Channel, CSV_COLUMNS, CsvRow, IMPORT_MAX_BYTES, IMPORT_MAX_ROWS, StaffSubscriberInput, RecordId } from "./schemas";
import { CONFIRM_HOURS, linkBuilder } from "../notify/links";
import { knownComponents, newWebhookSecret, requestEmailOptIn, saveConfirmedEmail } from "./subscribe";
import { keyedTarget } from "./keyed-target";
import { sealSecret } from "../crypto/secrets";
import { WEBHOOK_SECRET } from "../notify/outbox/dispatcher";

// The console's subscriber mutations: authorise, validate, act and audit in one
// transaction. Staff-added URLs are confirmed at once (staff vouch for them) but still
// SSRF-checked; staff-added email addresses still get the double opt-in message.

export interface StaffSubscriberOptions {
  /** WEBHOOK_ALLOW_PRIVATE unless given. */
  allowPrivateWebhooks?: boolean;
  /** Whether SMTP is configured (SMTP_HOST) unless given: unconfirmed addresses need a confirmation email. */
  emailEnabled?: boolean;
  /**
   * Add an email address as confirmed, with no confirmation email: the caller vouches that its
   * owner opted in elsewhere (the Statuspage v1 API's skip_confirmation_notification, which
   * needs its own API scope).
   */
  skipConfirmation?: boolean;
  now?: Date;
}

function settle(options: StaffSubscriberOptions) {
  return {
    allowPrivate: options.allowPrivateWebhooks ?? env().WEBHOOK_ALLOW_PRIVATE,
    emailEnabled: options.emailEnabled ?? Boolean(env().SMTP_HOST),
    now: options.now ?? new Date(),
  };
}

const NO_MAIL = "Email alerts are not available: no mail server is configured (SMTP_HOST), so no confirmation email can be sent.";

export interface AddedSubscriber {
  subscriberId: string;
  /** The webhook signing secret: returned this once, never shown again. */
  secret: string | null;
  /** An email address waits for its owner to confirm. */
  confirmationSent: boolean;
}

export async function addSubscriberByStaff(
  db: DbOrTx,
  staff: StaffContext,
  raw: StaffSubscriberInput,
  options: StaffSubscriberOptions = {},
): Promise<AddedSubscriber> {
  assertCan(staff, "subscribers:manage");
  const input = StaffSubscriberInput.parse(raw);
  const { allowPrivate, emailEnabled, now } = settle(options);
  const confirmedEmail = input.channel === "email" && options.skipConfirmation === true;
  if (input.channel === "email" && !emailEnabled && !confirmedEmail) throw new InvalidInputError(NO_MAIL, { target: "email is not set up here" });
  if (input.channel !== "email") {
    const check = await checkWebhookUrl(input.target, { allowPrivate });
    if (!check.ok) throw new InvalidInputError("That URL cannot receive alerts.", { target: check.reason });
  }
  const componentIds = await knownComponents(db, input.components);
  const audit = { channel: input.channel, target: displayTarget(input.channel, input.target), components: componentIds };
  // (The audit row names the API host only: keyed channels' keys never reach it.)

  return inTransaction(db, async (tx): Promise<AddedSubscriber> => {
    const target = input.channel === "pagerduty" || input.channel === "opsgenie" ? keyedTarget(input.target, input.key) : input.target;
    const existing = await tx.subscriber.findUnique({ where: { channel_target: { channel: input.channel, target } } });
    // An address still waiting to confirm gets a fresh link instead; anything else is a duplicate.
    if (existing && (existing.confirmedAt || input.channel !== "email")) {
      throw new InvalidInputError("This subscriber already exists.", { target: "already subscribed" });
    }
    let result: AddedSubscriber;
    if (confirmedEmail) {
      const { subscriberId } = await saveConfirmedEmail(tx, { target: input.target, componentIds, confirmedAt: now, source: "staff" });
      result = { subscriberId, secret: null, confirmationSent: false };
    } else if (input.channel === "email") {
      const { subscriberId } = await requestEmailOptIn(tx, { target: input.target, componentIds, createdIp: null, source: "staff" }, now);
      result = { subscriberId, secret: null, confirmationSent: true };
    } else {
      const secret = input.channel === "webhook" ? newWebhookSecret() : null;
      // Integration keys are sealed like webhook secrets and never shown again, not even to whoever typed them.
      const key = input.channel === "pagerduty" || input.channel === "opsgenie" ? sealSecret(WEBHOOK_SECRET, input.key) : null;
      const created = await tx.subscriber.create({
        data: {
          channel: input.channel,
          target,
          confirmedAt: now,
          secret: secret?.stored ?? key,
          source: "staff",
          components: { create: componentIds.map((componentId) => ({ componentId })) },
        },
      });
      result = { subscriberId: created.id, secret: secret?.secret ?? null, confirmationSent: false };
    }
    await recordAudit(tx, staff.actor, {
      action: "subscriber.added",
      targetType: "subscriber",
      targetId: result.subscriberId,
      after: { ...audit, confirmationSent: result.confirmationSent, ...(confirmedEmail ? { confirmedWithoutEmail: true } : {}) },
    });
    return result;
  }).finally(wakeDispatcher);
}

/** Deletes a subscriber: nothing still queued for it is sent (the dispatcher cancels it); its delivery log stays. */
export async function removeSubscriber(db: DbOrTx, staff: StaffContext, rawId: string): Promise<void> {
  assertCan(staff, "subscribers:manage");
  const id = RecordId.parse(rawId);
  await inTransaction(db, async (tx) => {
    const subscriber = await tx.subscriber.findUnique({ where: { id } });
    if (!subscriber) throw new NotFoundError("subscriber");
    await tx.subscriber.delete({ where: { id } });
    await recordAudit(tx, staff.actor, {
      action: "subscriber.removed",
      targetType: "subscriber",
      targetId: id,
      before: { channel: subscriber.channel, target: displayTarget(subscriber.channel, subscriber.target), confirmed: Boolean(subscriber.confirmedAt) },
    });
  });
}

// ── Dead letters ───────────────────────────────────────────────────────────

/** Back to the queue as if new: the dispatcher tries it again now, with a full set of attempts. */
const requeue = (now: Date) => ({ status: "pending", attempts: 0, nextAttemptAt: now, leaseUntil: null, leaseOwner: null });

export async function retryDeadNotification(db: DbOrTx, staff: StaffContext, rawId: string, now = new Date()): Promise<void> {
  assertCan(staff, "subscribers:manage");
  const id = RecordId.parse(rawId);
  await inTransaction(db, async (tx) => {
    const { count } = await tx.notification.updateMany({ where: { id, status: "dead" }, data: requeue(now) });
    if (count === 0) throw new NotFoundError("dead notification");
    await recordAudit(tx, staff.actor, { action: "notification.retried", targetType: "notification", targetId: id });
  }).finally(wakeDispatcher);
}

/** Requeues every dead notification (or those of one incident). Returns how many. */
export async function retryDeadNotifications(db: DbOrTx, staff: StaffContext, filter: { incidentId?: string } = {}, now = new Date()): Promise<number> {
  assertCan(staff, "subscribers:manage");
  return inTransaction(db, async (tx) => {
    const { count } = await tx.notification.updateMany({
      where: { status: "dead", ...(filter.incidentId ? { event: { incidentId: filter.incidentId } } : {}) },
      data: requeue(now),
    });
    await recordAudit(tx, staff.actor, {
      action: "notification.retried_all",
      targetType: "notification",
      after: { count, incidentId: filter.incidentId ?? null },
    });
    return count;
  }).finally(wakeDispatcher);
}

// ── CSV ────────────────────────────────────────────────────────────────────

/** Reading stops after this many bad rows: enough to fix a file in one go. */
const MAX_PROBLEMS = 50;

/** A file that cannot be imported; `problems` names each bad row ("row 4: target: …"). */
export class CsvImportError extends InvalidInputError {
  constructor(readonly problems: string[]) {
    const shown = problems.slice(0, 3).join("; ");
    const count = problems.length === 1 ? "1 problem" : problems.length >= MAX_PROBLEMS ? `${MAX_PROBLEMS} or more problems` : `${problems.length} problems`;
    super(`Nothing was imported: ${count} in the file. ${shown}${problems.length > 3 ? "; …" : ""}`);
  }
}

export interface ImportResult {
  added: number;
  /** Already subscribed, or repeated in the file. */
  skippedDuplicates: number;
  /** Emails imported as already confirmed (they opted in elsewhere). */
  confirmedEmails: number;
  /** Unconfirmed emails, each sent a confirmation link. */
  confirmationsQueued: number;
}

const CHUNK = 500;

function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

async function mapLimited<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        results[i] = await work(items[i]!);
      }
    }),
  );
  return results;
}

/** A big import is one transaction: give it longer than Prisma's 5 s default. */
function inLongTransaction<T>(db: DbOrTx, fn: (tx: Tx) => Promise<T>): Promise<T> {
  if ("$transaction" in db) return db.$transaction((tx) => fn(tx), { timeout: 120_000, maxWait: 10_000 });
  return fn(db);
}

type ParsedRow = CsvRow & { row: number; componentIds: string[] };

/** Reads and checks the whole file; throws CsvImportError listing every bad row, before anything is written. */
async function readImport(db: DbOrTx, csvText: string, allowPrivate: boolean) {
  if (Buffer.byteLength(csvText, "utf8") > IMPORT_MAX_BYTES) {
    throw new InvalidInputError(`The file is larger than ${IMPORT_MAX_BYTES / 1024 / 1024} MB: split it and import the parts.`);
  }
  let records: string[][];
  try {
    records = parseCsv(csvText, { maxRows: IMPORT_MAX_ROWS + 1 });
  } catch (error) {
    if (error instanceof CsvParseError) {
      throw error.tooManyRows
        ? new InvalidInputError(`The file has more than ${IMPORT_MAX_ROWS} subscribers: split it and import the parts.`)
        : new CsvImportError([error.message]);
    }
    throw error;
  }
  const header = (records[0] ?? []).map((h) => h.trim().toLowerCase());
  const unknown = header.filter((h) => !(CSV_COLUMNS as readonly string[]).includes(h));
  if (!header.includes("channel") || !header.includes("target") || unknown.length || new Set(header).size !== header.length) {
    throw new CsvImportError([`row 1: the header must name the columns ${CSV_COLUMNS.join(",")} (components and confirmed may be left out)`]);
  }
  const column = (name: string) => header.indexOf(name);

  const components = await db.component.findMany({ select: { id: true, slug: true, name: true } });
  const bySlug = new Map(components.map((c) => [c.slug.toLowerCase(), c]));
  const problems: string[] = [];
  const rows: ParsedRow[] = [];
  const seen = new Set<string>();
  let repeated = 0;
  records.slice(1).forEach((record, i) => {
    const row = i + 2;
    if (isBlankRow(record) || problems.length >= MAX_PROBLEMS) return;
    if (record.slice(header.length).some((f) => f.trim() !== "")) {
      problems.push(`row ${row}: more fields than the header has columns (quote a target that contains a comma)`);
      return;
    }
    const field = (name: string) => (column(name) >= 0 ? (record[column(name)] ?? "") : undefined);
    const parsed = CsvRow.safeParse({ channel: field("channel"), target: field("target"), components: field("components"), confirmed: field("confirmed") });
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      problems.push(`row ${row}: ${issue.path.join(".") || "row"}: ${issue.message}`);
      return;
    }
    const missing = parsed.data.componentSlugs.filter((slug) => !bySlug.has(slug.toLowerCase()));
    if (missing.length) {
      problems.push(`row ${row}: components: no component with the slug ${missing.map((m) => `"${m}"`).join(", ")}`);
      return;
    }
    const key = `${parsed.data.channel} ${parsed.data.target}`;
    if (seen.has(key)) {
      repeated++;
      return;
    }
    seen.add(key);
    rows.push({ ...parsed.data, row, componentIds: parsed.data.componentSlugs.map((slug) => bySlug.get(slug.toLowerCase())!.id) });
  });
  if (problems.length) throw new CsvImportError(problems);

  // The same SSRF rule as for URLs added one at a time (a few lookups at once).
  const urls = rows.filter((r) => r.channel !== "email");
  const checks = await mapLimited(urls, 8, (r) => checkWebhookUrl(r.target, { allowPrivate }));
  checks.forEach((check, i) => {
    if (!check.ok && problems.length < MAX_PROBLEMS) problems.push(`row ${urls[i]!.row}: target: ${check.reason}`);
  });
  if (problems.length) throw new CsvImportError(problems);
  return { rows, repeated, names: new Map(components.map((c) => [c.id, c.name])) };
}

/**
 * Imports subscribers from CSV (`channel,target,components,confirmed`), all or nothing.
 * Duplicates (already subscribed, or repeated in the file) are skipped and counted.
 * `confirmed=true` emails are trusted to have opted in elsewhere (a migration) and the
 * import is audited with their count; unconfirmed emails each get a confirmation link
 * through the outbox. Imported webhooks have no signing secret (secrets are never
 * exported, and nobody would see a new one): their requests are unsigned.
 */
export async function importSubscribersCsv(db: DbOrTx, staff: StaffContext, csvText: string, options: StaffSubscriberOptions = {}): Promise<ImportResult> {
  assertCan(staff, "subscribers:manage");
  const { allowPrivate, emailEnabled, now } = settle(options);
  const { rows, repeated, names } = await readImport(db, csvText, allowPrivate);
  if (!emailEnabled && rows.some((r) => !r.confirmed))
    throw new InvalidInputError(`${NO_MAIL} Import those addresses with confirmed=true, or set up SMTP first.`);
  // Skipping double opt-in (a migration from another status page) is an admin's call.
  if (rows.some((r) => r.confirmed && r.channel === "email")) assertCan(staff, "settings:manage");

  // Everything but the writes happens before the transaction, to keep it short: ids,
  // signed confirmation links and payloads for every row (duplicates are dropped inside).
  const link = await linkBuilder(db);
  const expiresAt = new Date(now.getTime() + CONFIRM_HOURS * 3600_000);
  const prepared = rows.map((r) => {
    const id = randomUUID();
    const confirm = r.confirmed
      ? null
      : {
          eventId: randomUUID(),
          payload: JSON.stringify({
            confirmUrl: link("confirm", id, now),
            components: r.componentIds.length ? r.componentIds.map((c) => names.get(c)!) : null,
          }),
        };
    return { ...r, id, key: `${r.channel} ${r.target}`, confirm };
  });

  return inLongTransaction(db, async (tx) => {
    const existing = new Set<string>();
    for (const part of chunks([...new Set(rows.map((r) => r.target))])) {
      const found = await tx.subscriber.findMany({ where: { target: { in: part } }, select: { channel: true, target: true } });
      for (const s of found) existing.add(`${s.channel} ${s.target}`);
    }
    const fresh = prepared.filter((r) => !existing.has(r.key));
    await insertRows(
      tx,
      "Subscriber",
      ["id", "channel", "target", "source", "confirmedAt", "expiresAt", "createdAt", "updatedAt"],
      fresh.map((r) => [r.id, r.channel, r.target, "import", r.confirmed ? now : null, r.confirmed ? null : expiresAt, now, now]),
    );
    await insertRows(
      tx,
      "SubscriberComponent",
      ["subscriberId", "componentId"],
      fresh.flatMap((r) => r.componentIds.map((c) => [r.id, c])),
    );
    // One confirmation per unconfirmed address, as requestEmailOptIn queues it, in bulk.
    const confirms = fresh.flatMap((r) => (r.confirm ? [{ ...r.confirm, subscriberId: r.id, recipient: displayTarget(r.channel, r.target) }] : []));
    await insertRows(
      tx,
      "AlertEvent",
      ["id", "kind", "incidentId", "updateId", "payload", "createdAt"],
      confirms.map((c) => [c.eventId, "subscription.confirm", null, null, c.payload, now]),
    );
    await insertRows(
      tx,
      "Notification",
      ["id", "eventId", "subscriberId", "channel", "recipient", "status", "attempts", "nextAttemptAt", "createdAt"],
      confirms.map((c) => [randomUUID(), c.eventId, c.subscriberId, "email", c.recipient, "pending", 0, now, now]),
    );

    const result: ImportResult = {
      added: fresh.length,
      skippedDuplicates: repeated + (rows.length - fresh.length),
      confirmedEmails: fresh.filter((r) => r.confirmed && r.channel === "email").length,
      confirmationsQueued: confirms.length,
    };
    const byChannel: Partial<Record<Channel, number>> = {};
    for (const r of fresh) byChannel[r.channel] = (byChannel[r.channel] ?? 0) + 1;
    await recordAudit(tx, staff.actor, { action: "subscribers.imported", targetType: "subscriber", after: { ...result, byChannel } });
    return result;
  })
    .catch((error: unknown) => {
      // Someone subscribed one of these addresses while the import ran: nothing was saved.
      if (isUniqueViolation(error))
        throw new ServiceError("conflict", "A subscriber in the file was added by someone else during the import. Nothing was imported; try again.");
      throw error;
    })
    .finally(wakeDispatcher);
}

/** Every subscriber as CSV, webhook URLs included (so admins can migrate); audited. */
export async function exportSubscribersCsv(db: DbOrTx, staff: StaffContext): Promise<{ csv: string; count: number }> {
  assertCan(staff, "settings:manage");
  const subscribers = await db.subscriber.findMany({
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { channel: true, target: true, confirmedAt: true, components: { select: { component: { select: { slug: true } } } } },
  });
  const csv = toCsv([
    CSV_COLUMNS,
    ...subscribers.map((s) => [
      s.channel,
      s.target,
      s.components
        .map((c) => c.component.slug)
        .sort()
        .join(";"),
      s.confirmedAt ? "true" : "false",
    ]),
  ]);
  await recordAudit(db, staff.actor, { action: "subscribers.exported", targetType: "subscriber", after: { count: subscribers.length } });
  return { csv, count: subscribers.length };
}
