import { z } from "zod";
import { can } from "../../auth/roles";
import type { StaffContext } from "../../auth/staff";
import type { DbOrTx } from "../../db";
import { NotFoundError } from "../../errors";
import { createTemplate, deleteTemplate, updateTemplate } from "../../incidents/templates";
import { addSubscriberByStaff, importSubscribersCsv, removeSubscriber } from "../../subscribers/staff-verbs";
import { displayTarget, listSubscribers } from "../../subscribers/queries";
import { type Channel, IMPORT_MAX_BYTES } from "../../subscribers/schemas";
import { cursorDate, decodeCursor, pageOf } from "./cursor";
import { etagOf, presentSubscriber, presentTemplate } from "./present";
import { createdSortKey, listTemplatesForApi } from "./queries";
import { route } from "./route";
import {
  CreateSubscriberRequest,
  ImportSubscribersRequest,
  ListQuery,
  ListSubscribersQuery,
  NextCursor,
  SubscriberResponse,
  TemplateRequest,
  TemplateResponse,
  UpdateTemplateRequest,
} from "./schemas";

// Subscribers and incident templates, through the console's verbs (the same rules:
// an email address added by staff gets the double opt-in message; only a key that may
// change settings imports addresses as already confirmed, as only admins may in the console).

/** Like the console: searching URLs (whose paths hold secrets) needs the right to export them. */
const maySeeUrls = (staff: StaffContext) => (staff.scopes ? staff.scopes.includes("settings:manage") : can(staff.role, "settings:manage"));

async function subscriberOr404(db: DbOrTx, id: string) {
  const s = await db.subscriber.findUnique({ where: { id }, include: { components: { include: { component: { select: { id: true, name: true } } } } } });
  if (!s) throw new NotFoundError("subscriber");
  // As the list shows it: a URL by its host only.
  return presentSubscriber({ ...s, target: displayTarget(s.channel as Channel, s.target), components: s.components.map((c) => c.component) });
}

async function templateOr404(db: DbOrTx, id: string) {
  const t = await db.incidentTemplate.findUnique({ where: { id } });
  if (!t) throw new NotFoundError("template");
  return t;
}

const templateEtag = async ({ db, params }: { db: DbOrTx; params: Record<string, string> }) =>
  (await db.incidentTemplate.findUnique({ where: { id: params.id! }, select: { updatedAt: true } }).then((r) => r && etagOf(r))) ?? null;

const Template = z.object({ template: TemplateResponse });

export const AUDIENCE_ROUTES = [
  route<undefined, z.infer<typeof ListSubscribersQuery>>({
    method: "GET",
    path: "/subscribers",
    scope: "subscribers:read",
    summary: "List subscribers, newest first (paged; URLs show their host only)",
    query: ListSubscribersQuery,
    response: z.object({ subscribers: z.array(SubscriberResponse), total: z.number().int(), next_cursor: NextCursor }),
    status: 200,
    run: async ({ db, staff, query }) => {
      const key = decodeCursor(query.cursor, 2);
      const { rows, total } = await listSubscribers(
        db,
        { channel: query.channel, component: query.component, q: query.q, confirmed: query.confirmed && (query.confirmed === "true" ? "yes" : "no") },
        { searchUrls: maySeeUrls(staff), take: query.limit + 1, ...(key ? { after: { createdAt: cursorDate(key), id: String(key[1]) } } : {}) },
      );
      const { items, nextCursor } = pageOf(rows, query.limit, createdSortKey);
      return { subscribers: items.map(presentSubscriber), total, next_cursor: nextCursor };
    },
  }),
  route<z.infer<typeof CreateSubscriberRequest>>({
    method: "POST",
    path: "/subscribers",
    scope: "subscribers:write",
    summary: "Add a subscriber: an email address is sent a confirmation link first; a URL starts confirmed (its signing secret is answered once)",
    body: CreateSubscriberRequest,
    response: z.object({
      subscriber: SubscriberResponse,
      secret: z.string().nullable().describe("A webhook's signing secret: shown this once."),
      confirmation_sent: z.boolean(),
    }),
    status: 201,
    run: async ({ db, staff, body, subscriberOptions }) => {
      const added = await addSubscriberByStaff(
        db,
        staff,
        { channel: body.channel, target: body.target, components: body.components } as Parameters<typeof addSubscriberByStaff>[2],
        subscriberOptions,
      );
      return { subscriber: await subscriberOr404(db, added.subscriberId), secret: added.secret, confirmation_sent: added.confirmationSent };
    },
  }),
  route({
    method: "DELETE",
    path: "/subscribers/{id}",
    scope: "subscribers:write",
    summary: "Remove a subscriber (nothing still queued for it is sent)",
    response: z.object({ deleted: z.literal(true) }),
    status: 200,
    run: async ({ db, staff, params }) => {
      await removeSubscriber(db, staff, params.id!);
      return { deleted: true };
    },
  }),
  route<z.infer<typeof ImportSubscribersRequest>>({
    method: "POST",
    path: "/subscribers/import",
    scope: "subscribers:write",
    summary: "Import subscribers from CSV (the console's format and rules; confirmed=true emails need settings:write too)",
    body: ImportSubscribersRequest,
    maxBodyBytes: IMPORT_MAX_BYTES + 1024,
    response: z.object({
      added: z.number().int(),
      skipped_duplicates: z.number().int(),
      confirmed_emails: z.number().int(),
      confirmations_queued: z.number().int(),
    }),
    status: 200,
    run: async ({ db, staff, body, subscriberOptions }) => {
      const r = await importSubscribersCsv(db, staff, body.csv, subscriberOptions);
      return { added: r.added, skipped_duplicates: r.skippedDuplicates, confirmed_emails: r.confirmedEmails, confirmations_queued: r.confirmationsQueued };
    },
  }),
  route<undefined, z.infer<typeof ListQuery>>({
    method: "GET",
    path: "/templates",
    scope: "read",
    summary: "List incident templates, oldest first (paged)",
    query: ListQuery,
    response: z.object({ templates: z.array(TemplateResponse), next_cursor: NextCursor }),
    status: 200,
    run: async ({ db, query }) => {
      const rows = await listTemplatesForApi(db, query.limit, decodeCursor(query.cursor, 2));
      const { items, nextCursor } = pageOf(rows, query.limit, createdSortKey);
      return { templates: items.map(presentTemplate), next_cursor: nextCursor };
    },
  }),
  route<z.infer<typeof TemplateRequest>>({
    method: "POST",
    path: "/templates",
    scope: "templates:write",
    summary: "Add an incident template",
    body: TemplateRequest,
    response: Template,
    status: 201,
    etag: (r: z.infer<typeof Template>) => etagOf(r.template),
    run: async ({ db, staff, body }) => ({ template: presentTemplate(await createTemplate(db, staff, body)) }),
  }),
  route({
    method: "GET",
    path: "/templates/{id}",
    scope: "read",
    summary: "One incident template",
    response: Template,
    status: 200,
    etag: (r: z.infer<typeof Template>) => etagOf(r.template),
    run: async ({ db, params }) => ({ template: presentTemplate(await templateOr404(db, params.id!)) }),
  }),
  route<z.infer<typeof UpdateTemplateRequest>>({
    method: "PATCH",
    path: "/templates/{id}",
    scope: "templates:write",
    summary: "Edit an incident template (only the fields sent)",
    body: UpdateTemplateRequest,
    response: Template,
    status: 200,
    etag: (r: z.infer<typeof Template>) => etagOf(r.template),
    currentEtag: templateEtag,
    run: async ({ db, staff, params, body }) => {
      const before = await templateOr404(db, params.id!);
      const merged = { name: before.name, title: before.title, status: before.status, body: before.body, ...body };
      return { template: presentTemplate(await updateTemplate(db, staff, before.id, merged as Parameters<typeof updateTemplate>[3])) };
    },
  }),
  route({
    method: "DELETE",
    path: "/templates/{id}",
    scope: "templates:write",
    summary: "Delete an incident template",
    response: z.object({ deleted: z.literal(true) }),
    status: 200,
    currentEtag: templateEtag,
    run: async ({ db, staff, params }) => {
      await deleteTemplate(db, staff, params.id!);
      return { deleted: true };
    },
  }),
];
