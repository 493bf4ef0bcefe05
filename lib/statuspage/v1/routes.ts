import type { z } from "zod";
import type { ApiScope } from "../../api-keys/schemas";
import type { StaffContext } from "../../auth/staff";
import { clearStatusOverride, setStatusByStaff, updateComponent } from "../../components/staff-verbs";
import { inTransaction, type DbOrTx } from "../../db";
import { InvalidInputError, NotFoundError, ServiceError } from "../../errors";
import {
  deleteIncident,
  editIncident,
  editIncidentUpdate,
  editMaintenance,
  openIncident,
  postIncidentUpdate,
  scheduleMaintenance,
} from "../../incidents/staff-verbs";
import { loadPageSetting } from "../../public/queries";
import { INCIDENT_STATUS_LABELS, MAINTENANCE_STATUSES, type AnyIncidentStatus, type IncidentStatus } from "../../status/schemas";
import { addSubscriberByStaff, removeSubscriber } from "../../subscribers/staff-verbs";
import { presentPage } from "./present";
import { componentListing, incidentById, incidentList, subscriberById, subscriberList } from "./queries";
import { impactFor, isScheduledMaintenance, namedComponents, pageSlice } from "./rules";
import {
  CreateIncidentBody,
  CreateSubscriberBody,
  ListQuery,
  SubscriberListQuery,
  UpdateComponentBody,
  UpdateIncidentBody,
  UpdateIncidentUpdateBody,
} from "./schemas";

// Every Statuspage v1 operation Vigil answers, declared once; handle.ts routes,
// authenticates, checks scopes and parses from this list. Each maps onto Vigil's staff
// verbs, so the rules (roles, scopes, audit, notifications) are the console's.

export interface V1Context<Body, Query> {
  db: DbOrTx;
  staff: StaffContext;
  keyScopes: readonly ApiScope[];
  params: Record<string, string>;
  body: Body;
  query: Query;
  emailEnabled: boolean;
}

export interface V1Route<Body = unknown, Query = unknown> {
  method: "GET" | "POST" | "PATCH" | "PUT" | "DELETE";
  /** Under /v1, e.g. /pages/{page_id}/incidents/{id}. */
  path: string;
  /** Any one of these lets the request through; the verb checks the rest (e.g. a maintenance needs maintenance:write). */
  scopes: readonly ApiScope[];
  /** The request object's name ("incident"): a verb's refusal names its fields under it. */
  wrapper?: "incident" | "incident_update" | "component" | "subscriber";
  body?: z.ZodType<Body>;
  query?: z.ZodType<Query>;
  status: 200 | 201;
  run(ctx: V1Context<Body, Query>): Promise<unknown>;
}

function route<Body = undefined, Query = undefined>(r: V1Route<Body, Query>): V1Route {
  return r as unknown as V1Route;
}

const label = (status: AnyIncidentStatus) => `${INCIDENT_STATUS_LABELS[status]}.`;
const isMaintenanceStatus = (s: string) => (MAINTENANCE_STATUSES as readonly string[]).includes(s);

async function incidentOr404(db: DbOrTx, id: string) {
  const found = await incidentById(db, id);
  if (!found) throw new NotFoundError("Incident");
  return found;
}

async function currentStatuses(db: DbOrTx) {
  return new Map((await componentListing(db)).filter((c) => !c.group).map((c) => [c.id, c.status]));
}

const READ: readonly ApiScope[] = ["read"];
const INCIDENT_OR_MAINTENANCE: readonly ApiScope[] = ["incidents:write", "maintenance:write"];
const INCIDENTS = "/pages/{page_id}/incidents";

export const V1_ROUTES: V1Route[] = [
  route({
    method: "GET",
    path: "/pages",
    scopes: READ,
    status: 200,
    run: async ({ db, emailEnabled }) => [presentPage(await loadPageSetting(db), emailEnabled)],
  }),
  route({
    method: "GET",
    path: "/pages/{page_id}",
    scopes: READ,
    status: 200,
    run: async ({ db, emailEnabled }) => presentPage(await loadPageSetting(db), emailEnabled),
  }),

  // ── Incidents and scheduled maintenances ──
  route<undefined, ListQuery>({
    method: "GET",
    path: INCIDENTS,
    scopes: READ,
    query: ListQuery,
    status: 200,
    run: async ({ db, query }) => incidentList(db, {}, pageSlice(query)),
  }),
  route<undefined, ListQuery>({
    method: "GET",
    path: `${INCIDENTS}/unresolved`,
    scopes: READ,
    query: ListQuery,
    status: 200,
    run: async ({ db, query }) => incidentList(db, { kind: "incident", resolvedAt: null }, pageSlice(query)),
  }),
  route<undefined, ListQuery>({
    method: "GET",
    path: `${INCIDENTS}/scheduled`,
    scopes: READ,
    query: ListQuery,
    status: 200,
    run: async ({ db, query }) => incidentList(db, { kind: "maintenance", status: "scheduled" }, pageSlice(query), true),
  }),
  route<undefined, ListQuery>({
    method: "GET",
    path: `${INCIDENTS}/active_maintenance`,
    scopes: READ,
    query: ListQuery,
    status: 200,
    run: async ({ db, query }) => incidentList(db, { kind: "maintenance", status: { in: ["in_progress", "verifying"] } }, pageSlice(query), true),
  }),
  route<CreateIncidentBody>({
    method: "POST",
    path: INCIDENTS,
    scopes: INCIDENT_OR_MAINTENANCE,
    wrapper: "incident",
    body: CreateIncidentBody,
    status: 201,
    run: async ({ db, staff, body }) => {
      const i = body.incident;
      const components = namedComponents(i, await currentStatuses(db));
      if (isScheduledMaintenance(i)) {
        if (!i.scheduled_for || !i.scheduled_until) {
          throw new InvalidInputError("A scheduled maintenance needs its window.", {
            [i.scheduled_for ? "scheduled_until" : "scheduled_for"]: "required with status scheduled",
          });
        }
        const m = await scheduleMaintenance(db, staff, {
          name: i.name,
          body: i.body?.trim() || label("scheduled"),
          scheduledFor: i.scheduled_for,
          scheduledUntil: i.scheduled_until,
          components: components.map((c) => c.componentId),
        });
        return (await incidentOr404(db, m.id)).presented;
      }
      if (i.status && isMaintenanceStatus(i.status)) {
        throw new InvalidInputError("A new maintenance starts as scheduled.", { status: "use scheduled, with scheduled_for and scheduled_until" });
      }
      const status = (i.status ?? "investigating") as IncidentStatus;
      const backfilled = i.backfilled ?? false;
      const incident = await openIncident(db, staff, {
        name: i.name,
        status,
        impact: impactFor(
          i.impact_override,
          components.map((c) => c.status),
        ),
        body: i.body?.trim() || label(status),
        displayAt: backfilled ? i.backfill_date : undefined,
        components,
        backfilled,
        // An incident entered after the fact notifies nobody, as in Statuspage.
        notifySubscribers: !backfilled && (i.deliver_notifications ?? true),
      });
      return (await incidentOr404(db, incident.id)).presented;
    },
  }),
  route({
    method: "GET",
    path: `${INCIDENTS}/{id}`,
    scopes: READ,
    status: 200,
    run: async ({ db, params }) => (await incidentOr404(db, params.id!)).presented,
  }),
  ...(["PATCH", "PUT"] as const).map((method) =>
    route<UpdateIncidentBody>({
      method,
      path: `${INCIDENTS}/{id}`,
      scopes: INCIDENT_OR_MAINTENANCE,
      wrapper: "incident",
      body: UpdateIncidentBody,
      status: 200,
      run: async ({ db, staff, params, body }) => {
        const { row } = await incidentOr404(db, params.id!);
        const i = body.incident;
        const incidentId = row.id;
        await inTransaction(db, async (tx) => {
          if (row.kind === "incident" && (i.name !== undefined || i.impact_override)) {
            await editIncident(tx, staff, { incidentId, name: i.name, impact: i.impact_override ?? undefined });
          }
          if (row.kind === "maintenance" && (i.name !== undefined || i.scheduled_for || i.scheduled_until || i.component_ids)) {
            await editMaintenance(tx, staff, {
              incidentId,
              name: i.name ?? row.name,
              scheduledFor: i.scheduled_for ?? row.scheduledFor!,
              scheduledUntil: i.scheduled_until ?? row.scheduledUntil!,
              components: i.component_ids ?? row.components.map((c) => c.componentId),
            });
          }
          const touchesComponents = row.kind === "incident" && (i.components !== undefined || i.component_ids !== undefined);
          if (i.status !== undefined || i.body !== undefined || touchesComponents) {
            const status = i.status ?? row.status;
            await postIncidentUpdate(tx, staff, {
              incidentId,
              status,
              body: i.body?.trim() || label(status),
              components: row.kind === "incident" ? namedComponents(i, await currentStatuses(tx)) : undefined,
              notifySubscribers: i.deliver_notifications ?? true,
            });
          }
        });
        return (await incidentOr404(db, incidentId)).presented;
      },
    }),
  ),
  route({
    method: "DELETE",
    path: `${INCIDENTS}/{id}`,
    scopes: ["incidents:delete"],
    status: 200,
    run: async ({ db, staff, params }) => {
      const { presented } = await incidentOr404(db, params.id!);
      await deleteIncident(db, staff, params.id!);
      return presented;
    },
  }),

  ...(["PATCH", "PUT"] as const).map((method) =>
    route<UpdateIncidentUpdateBody>({
      method,
      path: `${INCIDENTS}/{incident_id}/incident_updates/{id}`,
      scopes: INCIDENT_OR_MAINTENANCE,
      wrapper: "incident_update",
      body: UpdateIncidentUpdateBody,
      status: 200,
      run: async ({ db, staff, params, body }) => {
        const { row } = await incidentOr404(db, params.incident_id!);
        if (!row.updates.some((u) => u.id === params.id)) throw new NotFoundError("Incident update");
        await editIncidentUpdate(db, staff, { updateId: params.id!, body: body.incident_update.body });
        return (await incidentOr404(db, row.id)).presented.incident_updates.find((u) => u.id === params.id);
      },
    }),
  ),

  // ── Components ──
  route({
    method: "GET",
    path: "/pages/{page_id}/components",
    scopes: READ,
    status: 200,
    run: async ({ db }) => componentListing(db),
  }),
  route({
    method: "GET",
    path: "/pages/{page_id}/components/{id}",
    scopes: READ,
    status: 200,
    run: async ({ db, params }) => {
      const found = (await componentListing(db)).find((c) => c.id === params.id);
      if (!found) throw new NotFoundError("Component");
      return found;
    },
  }),
  ...(["PATCH", "PUT"] as const).map((method) =>
    route<UpdateComponentBody>({
      method,
      path: "/pages/{page_id}/components/{id}",
      scopes: ["components:write"],
      wrapper: "component",
      body: UpdateComponentBody,
      status: 200,
      run: async ({ db, staff, params, body }) => {
        const componentId = params.id!;
        const existing = (await componentListing(db)).find((c) => c.id === componentId && !c.group);
        if (!existing || existing.group) throw new NotFoundError("Component");
        const c = body.component;
        await inTransaction(db, async (tx) => {
          if (c.name !== undefined || c.description !== undefined || c.showcase !== undefined) {
            await updateComponent(tx, staff, {
              componentId,
              name: c.name ?? existing.name,
              description: (c.description === undefined ? existing.description : c.description) ?? "",
              groupId: existing.group_id ?? "",
              showUptime: c.showcase ?? existing.showcase,
            });
          }
          // Operational clears the status set by hand, so probes decide again (as an incident's Operational does).
          if (c.status === "operational") await clearStatusOverride(tx, staff, componentId);
          else if (c.status) await setStatusByStaff(tx, staff, { componentId, status: c.status });
        });
        return (await componentListing(db)).find((x) => x.id === componentId);
      },
    }),
  ),

  // ── Subscribers ──
  route<undefined, SubscriberListQuery>({
    method: "GET",
    path: "/pages/{page_id}/subscribers",
    scopes: ["subscribers:manage"],
    query: SubscriberListQuery,
    status: 200,
    run: async ({ db, query }) => subscriberList(db, query),
  }),
  route<CreateSubscriberBody>({
    method: "POST",
    path: "/pages/{page_id}/subscribers",
    scopes: ["subscribers:manage"],
    wrapper: "subscriber",
    body: CreateSubscriberBody,
    status: 201,
    run: async ({ db, staff, keyScopes, body, emailEnabled }) => {
      const s = body.subscriber;
      const skip = s.skip_confirmation_notification && Boolean(s.email);
      if (skip && !keyScopes.includes("subscribers:import")) {
        throw new ServiceError("forbidden", "This API key does not have the subscribers:import scope, which skip_confirmation_notification needs.");
      }
      const { subscriberId } = await addSubscriberByStaff(
        db,
        staff,
        s.email ? { channel: "email", target: s.email, components: s.component_ids } : { channel: "webhook", target: s.endpoint!, components: s.component_ids },
        { skipConfirmation: skip, emailEnabled },
      );
      return subscriberById(db, subscriberId);
    },
  }),
  route({
    method: "GET",
    path: "/pages/{page_id}/subscribers/{id}",
    scopes: ["subscribers:manage"],
    status: 200,
    run: async ({ db, params }) => {
      const found = await subscriberById(db, params.id!);
      if (!found) throw new NotFoundError("Subscriber");
      return found;
    },
  }),
  route({
    method: "DELETE",
    path: "/pages/{page_id}/subscribers/{id}",
    scopes: ["subscribers:manage"],
    status: 200,
    run: async ({ db, staff, params }) => {
      const found = await subscriberById(db, params.id!);
      if (!found) throw new NotFoundError("Subscriber");
      await removeSubscriber(db, staff, params.id!);
      return found;
    },
  }),
];
