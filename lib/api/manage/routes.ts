import { z } from "zod";
import { clearStatusOverride, setStatusByStaff } from "../../components/staff-verbs";
import type { DbOrTx } from "../../db";
import { NotFoundError } from "../../errors";
import { cancelMaintenance, editIncident, openIncident, postIncidentUpdate, scheduleMaintenance } from "../../incidents/staff-verbs";
import type { ApiScope } from "../../api-keys/schemas";
import { type ApiRoute, route } from "./route";
import { componentOr404, CATALOG_ROUTES } from "./routes-catalog";
import { AUDIENCE_ROUTES } from "./routes-audience";
import { decodeCursor, pageOf } from "./cursor";
import { etagOf } from "./present";
import { presentIncident, presentSettings } from "./present";
import { ASSET_KINDS, ASSET_RULES, type AssetKind } from "../../settings/assets";
import { loadPageSettings } from "../../settings/queries";
import { removePageAsset, setPageAsset, updatePageSettings } from "../../settings/staff-verbs";
import { getIncidentForApi, incidentSortKey, listIncidentsForApi } from "./queries";
import {
  ComponentResponse,
  NextCursor,
  CreateIncidentRequest,
  CancelMaintenanceRequest,
  CreateMaintenanceRequest,
  EditIncidentRequest,
  IncidentResponse,
  ListIncidentsQuery,
  PostUpdateRequest,
  SetComponentStatusRequest,
  SettingsResponse,
  UpdateSettingsRequest,
  UploadAssetRequest,
} from "./schemas";

export type { ApiRoute } from "./route";

// Every management API operation, declared once: the dispatcher (handle.ts) routes,
// authorises and validates from this list, and the OpenAPI document is generated
// from it, so the two cannot drift apart.

async function incidentOr404(db: DbOrTx, id: string, pageUrl: string) {
  const row = await getIncidentForApi(db, id);
  if (!row) throw new NotFoundError("incident");
  return presentIncident(row, pageUrl);
}

const incidentEtag = async ({ db, params }: { db: DbOrTx; params: Record<string, string> }) =>
  (await db.incident.findUnique({ where: { id: params.id! }, select: { version: true } }).then((r) => r && etagOf(r))) ?? null;

// Incidents' and maintenances' shared routes: the record's kind decides which scope counts.
const INCIDENT_OR_MAINTENANCE: readonly ApiScope[] = ["incidents:write", "maintenance:write"];

const toDate = (s: string | undefined) => (s === undefined ? undefined : new Date(s));
const componentChanges = (list: { id: string; status: z.infer<typeof SetComponentStatusRequest>["status"] }[] | undefined) =>
  list?.map((c) => ({ componentId: c.id, status: c.status }));

export const API_ROUTES: ApiRoute[] = [
  ...CATALOG_ROUTES,
  ...AUDIENCE_ROUTES,
  route<z.infer<typeof SetComponentStatusRequest>>({
    method: "PUT",
    path: "/components/{id}/status",
    scope: "components:write",
    summary: "Set a component's status by hand (an override: it wins over probes until cleared)",
    body: SetComponentStatusRequest,
    response: z.object({ component: ComponentResponse }),
    status: 200,
    run: async ({ db, staff, params, body }) => {
      await setStatusByStaff(db, staff, { componentId: params.id!, status: body.status });
      return { component: await componentOr404(db, params.id!) };
    },
  }),
  route({
    method: "DELETE",
    path: "/components/{id}/status",
    scope: "components:write",
    summary: "Clear a component's override: probes (or Operational) decide again",
    response: z.object({ component: ComponentResponse }),
    status: 200,
    run: async ({ db, staff, params }) => {
      await clearStatusOverride(db, staff, params.id!);
      return { component: await componentOr404(db, params.id!) };
    },
  }),
  route<undefined, z.infer<typeof ListIncidentsQuery>>({
    method: "GET",
    path: "/incidents",
    scope: "read",
    summary: "List incidents, newest first",
    query: ListIncidentsQuery,
    response: z.object({ incidents: z.array(IncidentResponse), next_cursor: NextCursor }),
    status: 200,
    run: async ({ db, query, pageUrl }) => {
      const rows = await listIncidentsForApi(db, "incident", query, query.limit, decodeCursor(query.cursor, 2));
      const { items, nextCursor } = pageOf(rows, query.limit, incidentSortKey("incident"));
      return { incidents: items.map((i) => presentIncident(i, pageUrl)), next_cursor: nextCursor };
    },
  }),
  route<z.infer<typeof CreateIncidentRequest>>({
    method: "POST",
    path: "/incidents",
    scope: "incidents:write",
    summary: "Open an incident with its first update (send an Idempotency-Key header to make retries safe)",
    body: CreateIncidentRequest,
    response: z.object({ incident: IncidentResponse }),
    status: 201,
    run: async ({ db, staff, body, pageUrl, idempotencyKey }) => {
      const incident = await openIncident(db, staff, {
        name: body.name,
        status: body.status,
        impact: body.impact,
        body: body.body,
        displayAt: toDate(body.display_at),
        backfilled: body.display_at !== undefined,
        components: componentChanges(body.components),
        // An incident entered after the fact alerts nobody unless asked to.
        notifySubscribers: body.notify_subscribers ?? body.display_at === undefined,
        creationKey: idempotencyKey ?? undefined,
      });
      return { incident: await incidentOr404(db, incident.id, pageUrl) };
    },
  }),
  route({
    method: "GET",
    path: "/incidents/{id}",
    scope: "read",
    summary: "One incident (or maintenance) with its updates",
    response: z.object({ incident: IncidentResponse }),
    status: 200,
    etag: (r: { incident: { version: number } }) => etagOf(r.incident),
    run: async ({ db, params, pageUrl }) => ({ incident: await incidentOr404(db, params.id!, pageUrl) }),
  }),
  route<z.infer<typeof EditIncidentRequest>>({
    method: "PATCH",
    path: "/incidents/{id}",
    scope: "incidents:write",
    recordScopes: INCIDENT_OR_MAINTENANCE,
    summary: "Rename an incident or change its impact (maintenance:write suffices for a maintenance)",
    body: EditIncidentRequest,
    response: z.object({ incident: IncidentResponse }),
    status: 200,
    etag: (r: { incident: { version: number } }) => etagOf(r.incident),
    currentEtag: incidentEtag,
    run: async ({ db, staff, params, body, pageUrl }) => {
      await editIncident(db, staff, { incidentId: params.id!, name: body.name, impact: body.impact, expectedVersion: body.expected_version });
      return { incident: await incidentOr404(db, params.id!, pageUrl) };
    },
  }),
  route<z.infer<typeof PostUpdateRequest>>({
    method: "POST",
    path: "/incidents/{id}/updates",
    scope: "incidents:write",
    recordScopes: INCIDENT_OR_MAINTENANCE,
    summary: "Post an update (Investigating → Identified → Monitoring → Resolved; maintenance:write suffices for a maintenance)",
    body: PostUpdateRequest,
    response: z.object({ incident: IncidentResponse }),
    status: 201,
    run: async ({ db, staff, params, body, pageUrl }) => {
      await postIncidentUpdate(db, staff, {
        incidentId: params.id!,
        status: body.status,
        body: body.body,
        displayAt: toDate(body.display_at),
        components: componentChanges(body.components),
        restoreComponents: body.restore_components,
        notifySubscribers: body.notify_subscribers,
        expectedVersion: body.expected_version,
      });
      return { incident: await incidentOr404(db, params.id!, pageUrl) };
    },
  }),
  route<undefined, z.infer<typeof ListIncidentsQuery>>({
    method: "GET",
    path: "/maintenances",
    scope: "read",
    summary: "List scheduled maintenances, latest window first",
    query: ListIncidentsQuery,
    response: z.object({ maintenances: z.array(IncidentResponse), next_cursor: NextCursor }),
    status: 200,
    run: async ({ db, query, pageUrl }) => {
      const rows = await listIncidentsForApi(db, "maintenance", query, query.limit, decodeCursor(query.cursor, 2));
      const { items, nextCursor } = pageOf(rows, query.limit, incidentSortKey("maintenance"));
      return { maintenances: items.map((i) => presentIncident(i, pageUrl)), next_cursor: nextCursor };
    },
  }),
  route<z.infer<typeof CreateMaintenanceRequest>>({
    method: "POST",
    path: "/maintenances",
    scope: "maintenance:write",
    summary: "Schedule maintenance: components go Under Maintenance during the window, on their own",
    body: CreateMaintenanceRequest,
    response: z.object({ maintenance: IncidentResponse }),
    status: 201,
    run: async ({ db, staff, body, pageUrl }) => {
      const m = await scheduleMaintenance(db, staff, {
        name: body.name,
        body: body.body,
        scheduledFor: body.scheduled_for,
        scheduledUntil: body.scheduled_until,
        components: body.components,
        remindBeforeMinutes: body.remind_before_minutes,
      });
      return { maintenance: await incidentOr404(db, m.id, pageUrl) };
    },
  }),
  route<z.infer<typeof CancelMaintenanceRequest>>({
    method: "POST",
    path: "/maintenances/{id}/cancel",
    scope: "maintenance:write",
    summary: "Call off a maintenance that has not started: it completes, says Canceled, and subscribers are told unless notify_subscribers is false",
    body: CancelMaintenanceRequest,
    response: z.object({ maintenance: IncidentResponse }),
    status: 200,
    run: async ({ db, staff, params, body, pageUrl }) => {
      await cancelMaintenance(db, staff, {
        incidentId: params.id!,
        body: body.body,
        notifySubscribers: body.notify_subscribers,
        expectedVersion: body.expected_version,
      });
      return { maintenance: await incidentOr404(db, params.id!, pageUrl) };
    },
  }),
  route({
    method: "GET",
    path: "/settings",
    scope: "read",
    summary: "The page's settings: name, URL, time zone, language, branding",
    response: z.object({ settings: SettingsResponse }),
    status: 200,
    etag: (r: { settings: { updated_at: string } }) => etagOf(r.settings),
    run: async ({ db }) => ({ settings: presentSettings(await loadPageSettings(db)) }),
  }),
  route<z.infer<typeof UpdateSettingsRequest>>({
    method: "PATCH",
    path: "/settings",
    scope: "settings:write",
    summary: "Change the page's settings (only the fields sent); on the public page, feeds and API at once",
    body: UpdateSettingsRequest,
    response: z.object({ settings: SettingsResponse }),
    status: 200,
    etag: (r: { settings: { updated_at: string } }) => etagOf(r.settings),
    currentEtag: async ({ db }) => etagOf(await loadPageSettings(db)),
    run: async ({ db, staff, body }) => {
      const { settings } = await updatePageSettings(db, staff, {
        name: body.name,
        url: body.url,
        timeZone: body.time_zone,
        locale: body.locale,
        brandColor: body.brand_color,
        supportUrl: body.support_url,
        footerLinks: body.footer_links,
        aboutMarkdown: body.about_markdown,
        metaDescription: body.meta_description,
      });
      return { settings: presentSettings(settings) };
    },
  }),
  ...ASSET_KINDS.flatMap((kind: AssetKind) => [
    route<z.infer<typeof UploadAssetRequest>>({
      method: "PUT",
      path: `/settings/${kind}`,
      scope: "settings:write",
      summary: `Upload the page's ${kind} (${ASSET_RULES[kind].label})`,
      body: UploadAssetRequest,
      // base64 is 4/3 of the file, plus the JSON around it.
      maxBodyBytes: Math.ceil((ASSET_RULES[kind].maxBytes * 4) / 3) + 1024,
      response: z.object({ settings: SettingsResponse }),
      status: 200,
      run: async ({ db, staff, body }) => ({ settings: presentSettings(await setPageAsset(db, staff, kind, Buffer.from(body.data, "base64"))) }),
    }),
    route({
      method: "DELETE",
      path: `/settings/${kind}`,
      scope: "settings:write",
      summary: `Remove the page's ${kind}`,
      response: z.object({ settings: SettingsResponse }),
      status: 200,
      run: async ({ db, staff }) => ({ settings: presentSettings(await removePageAsset(db, staff, kind)) }),
    }),
  ]),
];
