import { z } from "zod";
import { addComponent, createGroup, deleteComponent, deleteGroup, reorderPage, updateComponent, updateGroup } from "../../components/staff-verbs";
import type { DbOrTx } from "../../db";
import { NotFoundError } from "../../errors";
import { createProbe, deleteProbe, setProbeEnabled, testProbe, updateProbe } from "../../probes/staff-verbs";
import { parseProbeRow } from "../../probes/stored";
import { compareKeys, decodeCursor, pageOf } from "./cursor";
import { etagOf, presentComponent, presentGroup, presentProbe, presentProbeTest } from "./present";
import { componentSortKey, createdSortKey, listComponentsForApi, listGroupsForApi, listProbesForApi } from "./queries";
import { route } from "./route";
import {
  ComponentResponse,
  CreateComponentRequest,
  CreateProbeRequest,
  GroupRequest,
  GroupResponse,
  ListQuery,
  NextCursor,
  ProbeResponse,
  ProbeTestResponse,
  ReorderRequest,
  UpdateComponentRequest,
  UpdateGroupRequest,
  UpdateProbeRequest,
} from "./schemas";

// Components, groups and probes: each operation calls the console's staff verb (which
// checks the permission, validates and audits), then answers the record as read back.

type Query = z.infer<typeof ListQuery>;

export async function componentOr404(db: DbOrTx, id: string) {
  const row = (await listComponentsForApi(db)).find((c) => c.id === id);
  if (!row) throw new NotFoundError("component");
  return presentComponent(row);
}

async function groupOr404(db: DbOrTx, id: string) {
  const group = (await listGroupsForApi(db)).find((g) => g.id === id);
  if (!group) throw new NotFoundError("group");
  return group;
}

async function probeRowOr404(db: DbOrTx, id: string) {
  const probe = await db.probe.findUnique({ where: { id } });
  if (!probe) throw new NotFoundError("probe");
  return probe;
}

const componentEtag = async ({ db, params }: { db: DbOrTx; params: Record<string, string> }) =>
  (await db.component.findUnique({ where: { id: params.id! }, select: { updatedAt: true } }).then((r) => r && etagOf(r))) ?? null;
const groupEtag = async ({ db, params }: { db: DbOrTx; params: Record<string, string> }) =>
  (await db.componentGroup.findUnique({ where: { id: params.id! }, select: { updatedAt: true } }).then((r) => r && etagOf(r))) ?? null;
const probeEtag = async ({ db, params }: { db: DbOrTx; params: Record<string, string> }) =>
  (await db.probe.findUnique({ where: { id: params.id! }, select: { updatedAt: true } }).then((r) => r && etagOf(r))) ?? null;

const nullable = (v: string | null | undefined) => v ?? undefined;
const Component = z.object({ component: ComponentResponse });
const Group = z.object({ group: GroupResponse });
const Probe = z.object({ probe: ProbeResponse });
/** A heartbeat probe's ping token is answered once, when it is made; only its hash is kept. */
const CreatedProbe = Probe.extend({
  heartbeat_token: z.string().optional().describe("A heartbeat probe's secret ping token (POST /api/heartbeat/{token}), shown this once."),
});

export const CATALOG_ROUTES = [
  route<undefined, Query>({
    method: "GET",
    path: "/components",
    scope: "read",
    summary: "List components in page order (paged)",
    query: ListQuery,
    response: z.object({ components: z.array(ComponentResponse), next_cursor: NextCursor }),
    status: 200,
    run: async ({ db, query }) => {
      // Page order is computed (groups interleave), so the page is cut in memory; the
      // key (position, position in group, id) keeps it stable when a component is added.
      const after = decodeCursor(query.cursor, 3);
      const all = await listComponentsForApi(db);
      const rest = after ? all.filter((c) => compareKeys(componentSortKey(c), after) > 0) : all;
      const { items, nextCursor } = pageOf(rest.slice(0, query.limit + 1), query.limit, componentSortKey);
      return { components: items.map(presentComponent), next_cursor: nextCursor };
    },
  }),
  route<z.infer<typeof CreateComponentRequest>>({
    method: "POST",
    path: "/components",
    scope: "components:write",
    summary: "Add a component (at the end of the top level or of its group)",
    body: CreateComponentRequest,
    response: Component,
    status: 201,
    etag: (r: z.infer<typeof Component>) => etagOf(r.component),
    run: async ({ db, staff, body }) => {
      const c = await addComponent(db, staff, { name: body.name, description: nullable(body.description), groupId: nullable(body.group_id) });
      return { component: await componentOr404(db, c.id) };
    },
  }),
  route({
    method: "GET",
    path: "/components/{id}",
    scope: "read",
    summary: "One component",
    response: Component,
    status: 200,
    etag: (r: z.infer<typeof Component>) => etagOf(r.component),
    run: async ({ db, params }) => ({ component: await componentOr404(db, params.id!) }),
  }),
  route<z.infer<typeof UpdateComponentRequest>>({
    method: "PATCH",
    path: "/components/{id}",
    scope: "components:write",
    summary: "Edit a component (only the fields sent)",
    body: UpdateComponentRequest,
    response: Component,
    status: 200,
    etag: (r: z.infer<typeof Component>) => etagOf(r.component),
    currentEtag: componentEtag,
    run: async ({ db, staff, params, body }) => {
      const before = await db.component.findUnique({ where: { id: params.id! } });
      if (!before) throw new NotFoundError("component");
      await updateComponent(db, staff, {
        componentId: before.id,
        name: body.name ?? before.name,
        description: nullable(body.description === undefined ? before.description : body.description),
        groupId: nullable(body.group_id === undefined ? before.groupId : body.group_id),
        showUptime: body.show_uptime ?? before.showUptime,
      });
      return { component: await componentOr404(db, before.id) };
    },
  }),
  route({
    method: "DELETE",
    path: "/components/{id}",
    scope: "components:write",
    summary: "Delete a component with its status history and probes (subscriptions to it alone go too)",
    response: z.object({ deleted: z.literal(true) }),
    status: 200,
    currentEtag: componentEtag,
    run: async ({ db, staff, params }) => {
      await deleteComponent(db, staff, params.id!);
      return { deleted: true };
    },
  }),
  route<z.infer<typeof ReorderRequest>>({
    method: "PUT",
    path: "/components/order",
    scope: "components:write",
    summary: "Set the whole page order: every component and group once, components under the group they belong to",
    body: ReorderRequest,
    response: z.object({ components: z.array(ComponentResponse) }),
    status: 200,
    run: async ({ db, staff, body }) => {
      await reorderPage(db, staff, { items: body.items });
      return { components: (await listComponentsForApi(db)).map(presentComponent) };
    },
  }),
  route<undefined, Query>({
    method: "GET",
    path: "/groups",
    scope: "read",
    summary: "List component groups in page order (paged)",
    query: ListQuery,
    response: z.object({ groups: z.array(GroupResponse), next_cursor: NextCursor }),
    status: 200,
    run: async ({ db, query }) => {
      const after = decodeCursor(query.cursor, 2);
      const key = (g: { position: number; id: string }) => [g.position, g.id];
      const all = await listGroupsForApi(db);
      const rest = after ? all.filter((g) => compareKeys(key(g), after) > 0) : all;
      const { items, nextCursor } = pageOf(rest.slice(0, query.limit + 1), query.limit, key);
      return {
        groups: items.map((g) =>
          presentGroup(
            g,
            g.components.map((c) => c.id),
          ),
        ),
        next_cursor: nextCursor,
      };
    },
  }),
  route<z.infer<typeof GroupRequest>>({
    method: "POST",
    path: "/groups",
    scope: "components:write",
    summary: "Add a group (at the end of the page)",
    body: GroupRequest,
    response: Group,
    status: 201,
    etag: (r: z.infer<typeof Group>) => etagOf(r.group),
    run: async ({ db, staff, body }) => {
      const g = await createGroup(db, staff, { name: body.name, description: nullable(body.description) });
      return { group: presentGroup(g, []) };
    },
  }),
  route({
    method: "GET",
    path: "/groups/{id}",
    scope: "read",
    summary: "One group",
    response: Group,
    status: 200,
    etag: (r: z.infer<typeof Group>) => etagOf(r.group),
    run: async ({ db, params }) => {
      const g = await groupOr404(db, params.id!);
      return {
        group: presentGroup(
          g,
          g.components.map((c) => c.id),
        ),
      };
    },
  }),
  route<z.infer<typeof UpdateGroupRequest>>({
    method: "PATCH",
    path: "/groups/{id}",
    scope: "components:write",
    summary: "Rename a group or change its description",
    body: UpdateGroupRequest,
    response: Group,
    status: 200,
    etag: (r: z.infer<typeof Group>) => etagOf(r.group),
    currentEtag: groupEtag,
    run: async ({ db, staff, params, body }) => {
      const before = await groupOr404(db, params.id!);
      await updateGroup(db, staff, before.id, {
        name: body.name ?? before.name,
        description: nullable(body.description === undefined ? before.description : body.description),
      });
      const g = await groupOr404(db, before.id);
      return {
        group: presentGroup(
          g,
          g.components.map((c) => c.id),
        ),
      };
    },
  }),
  route({
    method: "DELETE",
    path: "/groups/{id}",
    scope: "components:write",
    summary: "Delete a group; its components move to the end of the top level",
    response: z.object({ deleted: z.literal(true) }),
    status: 200,
    currentEtag: groupEtag,
    run: async ({ db, staff, params }) => {
      await deleteGroup(db, staff, params.id!);
      return { deleted: true };
    },
  }),
  route<undefined, Query>({
    method: "GET",
    path: "/components/{id}/probes",
    scope: "read",
    summary: "A component's probes, oldest first (paged; secrets hidden)",
    query: ListQuery,
    response: z.object({ probes: z.array(ProbeResponse), next_cursor: NextCursor }),
    status: 200,
    run: async ({ db, params, query }) => {
      await componentOr404(db, params.id!);
      const rows = await listProbesForApi(db, { componentId: params.id! }, query.limit, decodeCursor(query.cursor, 2));
      const { items, nextCursor } = pageOf(rows, query.limit, createdSortKey);
      return { probes: items.map(presentProbe), next_cursor: nextCursor };
    },
  }),
  route<z.infer<typeof CreateProbeRequest>>({
    method: "POST",
    path: "/components/{id}/probes",
    scope: "probes:write",
    summary: "Add a probe to a component",
    body: CreateProbeRequest,
    response: CreatedProbe,
    status: 201,
    etag: (r: z.infer<typeof Probe>) => etagOf(r.probe),
    run: async ({ db, staff, params, body }) => {
      const p = await createProbe(db, staff, { componentId: params.id!, ...body } as Parameters<typeof createProbe>[2]);
      return {
        probe: presentProbe(await probeRowOr404(db, p.id)),
        ...("heartbeatToken" in p && p.heartbeatToken ? { heartbeat_token: p.heartbeatToken } : {}),
      };
    },
  }),
  route({
    method: "GET",
    path: "/probes/{id}",
    scope: "read",
    summary: "One probe (secrets hidden)",
    response: Probe,
    status: 200,
    etag: (r: z.infer<typeof Probe>) => etagOf(r.probe),
    run: async ({ db, params }) => ({ probe: presentProbe(await probeRowOr404(db, params.id!)) }),
  }),
  route<z.infer<typeof UpdateProbeRequest>>({
    method: "PATCH",
    path: "/probes/{id}",
    scope: "probes:write",
    summary: "Edit a probe (only the fields sent; a check is sent whole)",
    body: UpdateProbeRequest,
    response: Probe,
    status: 200,
    etag: (r: z.infer<typeof Probe>) => etagOf(r.probe),
    currentEtag: probeEtag,
    run: async ({ db, staff, params, body }) => {
      const before = await probeRowOr404(db, params.id!);
      // Fields not sent keep their saved values (the check with its secrets, decrypted here, never answered).
      const saved = (() => {
        try {
          return parseProbeRow(before);
        } catch {
          return null;
        }
      })();
      await updateProbe(db, staff, {
        probeId: before.id,
        name: body.name ?? before.name,
        check: (body.check ?? saved?.check) as Parameters<typeof updateProbe>[2]["check"],
        schedule: (body.schedule ?? saved?.schedule) as Parameters<typeof updateProbe>[2]["schedule"],
        thresholds: (body.thresholds ?? saved?.thresholds) as Parameters<typeof updateProbe>[2]["thresholds"],
        enabled: body.enabled ?? before.enabled,
      });
      return { probe: presentProbe(await probeRowOr404(db, before.id)) };
    },
  }),
  route({
    method: "DELETE",
    path: "/probes/{id}",
    scope: "probes:write",
    summary: "Delete a probe with its results; the component's status is re-derived without it",
    response: z.object({ deleted: z.literal(true) }),
    status: 200,
    currentEtag: probeEtag,
    run: async ({ db, staff, params }) => {
      await deleteProbe(db, staff, params.id!);
      return { deleted: true };
    },
  }),
  ...(["pause", "resume"] as const).map((action) =>
    route({
      method: "POST",
      path: `/probes/{id}/${action}`,
      scope: "probes:write",
      summary: action === "pause" ? "Pause a probe (it stops checking; its verdict no longer counts)" : "Resume a paused probe",
      response: Probe,
      status: 200,
      run: async ({ db, staff, params }) => {
        await setProbeEnabled(db, staff, { probeId: params.id!, enabled: action === "resume" });
        return { probe: presentProbe(await probeRowOr404(db, params.id!)) };
      },
    }),
  ),
  route<z.infer<typeof CreateProbeRequest>["check"]>({
    method: "POST",
    path: "/probes/test",
    scope: "probes:write",
    summary: "Run a check once and answer its result (nothing saved; private and metadata targets are refused as for probes)",
    body: CreateProbeRequest.shape.check,
    response: z.object({ result: ProbeTestResponse }),
    status: 200,
    run: async ({ db, staff, body }) => ({ result: presentProbeTest(await testProbe(db, staff, body)) }),
  }),
];
