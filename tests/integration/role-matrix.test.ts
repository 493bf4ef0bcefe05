import { updateInstallationSettings, updatePageSettings } from "@/lib/settings/staff-verbs";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { Db } from "@/lib/db";
import { SYSTEM_ACTOR } from "@/lib/audit/record";
import { can, type Permission } from "@/lib/auth/roles";
import { ROLES, type Role } from "@/lib/auth/schemas";
import { createSession } from "@/lib/auth/sessions";
import { ForbiddenError, type StaffContext } from "@/lib/auth/staff";
import { createUser } from "@/lib/auth/users";
import { createIncident } from "@/lib/incidents/create-incident";
import { addIncidentUpdate } from "@/lib/incidents/add-incident-update";
import {
  deleteIncidentUpdate,
  deleteIncident,
  editIncident,
  editIncidentUpdate,
  openIncident,
  postIncidentUpdate,
  scheduleMaintenance,
  setPostmortem,
} from "@/lib/incidents/staff-verbs";
import {
  addComponent,
  clearStatusOverride,
  createGroup,
  deleteComponent,
  deleteGroup,
  moveItem,
  setStatusByStaff,
  updateComponent,
  updateGroup,
} from "@/lib/components/staff-verbs";
import { createTemplate } from "@/lib/incidents/templates";
import { createProbe, deleteProbe, setAutoIncident, setProbeEnabled, testProbe, updateProbe } from "@/lib/probes/staff-verbs";
import { createApiKey, revokeApiKey } from "@/lib/api-keys/keys";
import { createIntegration, deleteIntegration, setIntegrationEnabled, updateIntegration } from "@/lib/integrations/staff-verbs";
import { inviteMember } from "@/lib/team/invitations";
import { changeOwnPassword, changeRole, removeTeamMember, resetMemberMfa, revokeOwnSession } from "@/lib/team/staff-verbs";
import {
  addSubscriberByStaff,
  exportSubscribersCsv,
  importSubscribersCsv,
  removeSubscriber,
  retryDeadNotification,
  retryDeadNotifications,
} from "@/lib/subscribers/staff-verbs";
import { createComponent, createPage, resetDb, testDb } from "./db";

// This file signs in or creates users hundreds of times: cheap scrypt here (tests only; the
// real cost, N=2^17, is what secrets-at-rest.test.ts and the e2e suite sign in with).
vi.hoisted(() => {
  process.env.VIGIL_PASSWORD_HASH_COST = "test";
});

let db: Db;
const PASSWORD = "a long enough passphrase";

interface Fixture {
  componentId: string;
  groupId: string;
  apiKeyId: string;
  integrationId: string;
  incidentId: string;
  updateId: string;
  otherUserId: string;
  otherSessionId: string;
  probeId: string;
  subscriberId: string;
  deadNotificationId: string;
}

async function setup(role: Role): Promise<{ staff: StaffContext; fx: Fixture }> {
  await resetDb(db);
  await createPage(db);
  const component = await createComponent(db, "hubdoc", 0);
  await createComponent(db, "central", 1);
  const me = await createUser(db, SYSTEM_ACTOR, { email: "me@example.com", name: "Me", password: PASSWORD, role });
  // A second admin, so removing or demoting someone never trips the last-admin rule.
  await createUser(db, SYSTEM_ACTOR, { email: "boss@example.com", name: "Boss", password: PASSWORD, role: "admin" });
  const other = await createUser(db, SYSTEM_ACTOR, { email: "other@example.com", name: "Other", password: PASSWORD, role: "viewer" });
  const mySession = await createSession(db, { userId: me.id, ip: null, userAgent: null }, new Date());
  const otherSession = await createSession(db, { userId: me.id, ip: null, userAgent: null }, new Date());
  const incident = await createIncident(db, {
    name: "Existing incident",
    status: "investigating",
    impact: "minor",
    body: "First.",
    components: [{ componentId: component.id, status: "degraded_performance" }],
  });
  const update = await addIncidentUpdate(db, { incidentId: incident.id, status: "identified", body: "Second." });
  const group = await db.componentGroup.create({ data: { name: "Mobile Apps", position: 2 } });
  const apiKey = await db.apiKey.create({ data: { name: "bot", prefix: "vgl_abcdef", keyHash: "0".repeat(64), scopes: "read" } });
  const integration = await db.integration.create({ data: { name: "prom", source: "alertmanager", tokenHash: "1".repeat(64), tokenPrefix: "vin_abcdef" } });
  const probe = await db.probe.create({
    data: { componentId: component.id, name: "API", kind: "tcp", config: JSON.stringify(TCP_CHECK), schedule: '{"intervalSeconds":60}', thresholds: "{}" },
  });
  const subscriber = await db.subscriber.create({ data: { channel: "email", target: "reader@example.com", confirmedAt: new Date() } });
  const event = await db.alertEvent.create({ data: { kind: "incident.created", incidentId: incident.id, payload: "{}" } });
  const dead = await db.notification.create({
    data: { eventId: event.id, subscriberId: subscriber.id, channel: "email", recipient: subscriber.target, status: "dead", attempts: 8, lastError: "refused" },
  });
  return {
    staff: { role, actor: { id: me.id, email: me.email, ip: "198.51.100.1" }, sessionId: mySession.id },
    fx: {
      componentId: component.id,
      groupId: group.id,
      apiKeyId: apiKey.id,
      integrationId: integration.id,
      incidentId: incident.id,
      updateId: update.id,
      otherUserId: other.id,
      otherSessionId: otherSession.id,
      probeId: probe.id,
      subscriberId: subscriber.id,
      deadNotificationId: dead.id,
    },
  };
}

// As if SMTP were configured (staff-added addresses get a confirmation email).
const SUBSCRIBER_OPTIONS = { emailEnabled: true, allowPrivateWebhooks: false };

// Port 9 (discard) on loopback: nothing listens, so a test check is refused at once.
const TCP_CHECK = { kind: "tcp", host: "127.0.0.1", port: 9, timeoutMs: 500 } as const;

const MUTATIONS: { name: string; permission: Permission; run: (s: StaffContext, fx: Fixture) => Promise<unknown> }[] = [
  {
    name: "open incident",
    permission: "incidents:write",
    run: (s) => openIncident(db, s, { name: "New one", status: "investigating", impact: "minor", body: "x" }),
  },
  {
    name: "post update",
    permission: "incidents:write",
    run: (s, fx) => postIncidentUpdate(db, s, { incidentId: fx.incidentId, status: "monitoring", body: "x" }),
  },
  { name: "edit update", permission: "incidents:write", run: (s, fx) => editIncidentUpdate(db, s, { updateId: fx.updateId, body: "edited" }) },
  { name: "delete update", permission: "incidents:write", run: (s, fx) => deleteIncidentUpdate(db, s, fx.updateId) },
  { name: "set postmortem", permission: "incidents:write", run: (s, fx) => setPostmortem(db, s, { incidentId: fx.incidentId, postmortem: "Root cause." }) },
  {
    name: "schedule maintenance",
    permission: "maintenance:write",
    run: (s) => scheduleMaintenance(db, s, { name: "DB upgrade", body: "x", scheduledFor: "2030-01-01T10:00:00Z", scheduledUntil: "2030-01-01T11:00:00Z" }),
  },
  {
    name: "set component status",
    permission: "components:write",
    run: (s, fx) => setStatusByStaff(db, s, { componentId: fx.componentId, status: "major_outage" }),
  },
  { name: "add component", permission: "components:write", run: (s) => addComponent(db, s, { name: "Payroll" }) },
  { name: "clear status override", permission: "components:write", run: (s, fx) => clearStatusOverride(db, s, fx.componentId) },
  { name: "move component", permission: "components:write", run: (s, fx) => moveItem(db, s, { kind: "component", id: fx.componentId }, "down") },
  { name: "move group", permission: "components:write", run: (s, fx) => moveItem(db, s, { kind: "group", id: fx.groupId }, "up") },
  {
    name: "edit component",
    permission: "components:write",
    run: (s, fx) => updateComponent(db, s, { componentId: fx.componentId, name: "Hubdoc", groupId: fx.groupId, showUptime: false }),
  },
  { name: "delete component", permission: "components:write", run: (s, fx) => deleteComponent(db, s, fx.componentId) },
  { name: "create group", permission: "components:write", run: (s) => createGroup(db, s, { name: "Tax" }) },
  { name: "edit group", permission: "components:write", run: (s, fx) => updateGroup(db, s, fx.groupId, { name: "Apps", description: "iOS and Android" }) },
  { name: "delete group", permission: "components:write", run: (s, fx) => deleteGroup(db, s, fx.groupId) },
  {
    name: "create template",
    permission: "incidents:write",
    run: (s) => createTemplate(db, s, { name: "Email delays", title: "Email delays", status: "investigating", body: "We are looking." }),
  },
  { name: "create API key", permission: "settings:manage", run: (s) => createApiKey(db, s, { name: "deploy", scopes: ["incidents:write"] }) },
  { name: "revoke API key", permission: "settings:manage", run: (s, fx) => revokeApiKey(db, s, fx.apiKeyId) },
  { name: "create integration", permission: "settings:manage", run: (s) => createIntegration(db, s, { name: "Grafana", source: "grafana" }) },
  {
    name: "edit integration",
    permission: "settings:manage",
    run: (s, fx) =>
      updateIntegration(db, s, {
        id: fx.integrationId,
        name: "prom",
        rules: [],
        defaultComponentId: fx.componentId,
        defaultStatus: "major_outage",
        templateId: null,
      }),
  },
  { name: "disable integration", permission: "settings:manage", run: (s, fx) => setIntegrationEnabled(db, s, fx.integrationId, false) },
  { name: "delete integration", permission: "settings:manage", run: (s, fx) => deleteIntegration(db, s, fx.integrationId) },
  { name: "edit incident", permission: "incidents:write", run: (s, fx) => editIncident(db, s, { incidentId: fx.incidentId, impact: "critical" }) },
  { name: "delete incident", permission: "incidents:delete", run: (s, fx) => deleteIncident(db, s, fx.incidentId) },
  { name: "change page settings", permission: "settings:manage", run: (s) => updatePageSettings(db, s, { name: "Renamed" }) },
  { name: "allow metadata probe targets", permission: "settings:manage", run: (s) => updateInstallationSettings(db, s, { allowMetadataProbeTargets: true }) },
  {
    name: "invite team member",
    permission: "team:manage",
    run: (s) => inviteMember(db, s, { email: "new@example.com", name: "New", role: "editor" }, { baseUrl: "http://status.test", mailer: null }),
  },
  { name: "change role", permission: "team:manage", run: (s, fx) => changeRole(db, s, { userId: fx.otherUserId, role: "admin" }) },
  { name: "remove member", permission: "team:manage", run: (s, fx) => removeTeamMember(db, s, fx.otherUserId) },
  { name: "reset member MFA", permission: "team:manage", run: (s, fx) => resetMemberMfa(db, s, fx.otherUserId) },
  {
    name: "change own password",
    permission: "console:read",
    run: (s) => changeOwnPassword(db, s, { current: PASSWORD, next: "another long passphrase", confirm: "another long passphrase" }),
  },
  {
    name: "add probe",
    permission: "probes:write",
    run: (s, fx) => createProbe(db, s, { componentId: fx.componentId, check: TCP_CHECK, schedule: { intervalSeconds: 60 } }),
  },
  {
    name: "edit probe",
    permission: "probes:write",
    run: (s, fx) => updateProbe(db, s, { probeId: fx.probeId, name: "DB", check: { ...TCP_CHECK, port: 5432 }, schedule: { cron: "0 * * * * *" } }),
  },
  { name: "disable probe", permission: "probes:write", run: (s, fx) => setProbeEnabled(db, s, { probeId: fx.probeId, enabled: false }) },
  { name: "delete probe", permission: "probes:write", run: (s, fx) => deleteProbe(db, s, fx.probeId) },
  { name: "set auto-incident", permission: "probes:write", run: (s, fx) => setAutoIncident(db, s, { componentId: fx.componentId, enabled: true }) },
  { name: "test probe", permission: "probes:write", run: (s) => testProbe(db, s, TCP_CHECK, { region: "test" }) },
  { name: "revoke own session", permission: "console:read", run: (s, fx) => revokeOwnSession(db, s, fx.otherSessionId) },
  {
    name: "add subscriber",
    permission: "subscribers:manage",
    run: (s) => addSubscriberByStaff(db, s, { channel: "email", target: "new@example.com" }, SUBSCRIBER_OPTIONS),
  },
  { name: "remove subscriber", permission: "subscribers:manage", run: (s, fx) => removeSubscriber(db, s, fx.subscriberId) },
  {
    name: "import subscribers",
    permission: "subscribers:manage",
    run: (s) => importSubscribersCsv(db, s, "channel,target\nemail,imported@example.com\n", SUBSCRIBER_OPTIONS),
  },
  { name: "export subscribers", permission: "settings:manage", run: (s) => exportSubscribersCsv(db, s) },
  { name: "retry dead notification", permission: "subscribers:manage", run: (s, fx) => retryDeadNotification(db, s, fx.deadNotificationId) },
  { name: "retry all dead notifications", permission: "subscribers:manage", run: (s) => retryDeadNotifications(db, s) },
];

beforeEach(async () => {
  db = await testDb();
});

describe("every mutation × every role", () => {
  for (const role of ROLES) {
    for (const mutation of MUTATIONS) {
      const allowed = can(role, mutation.permission);
      it(`${role} ${allowed ? "may" : "may not"} ${mutation.name}`, async () => {
        const { staff, fx } = await setup(role);
        const auditBefore = await db.auditEvent.count({ where: { actorId: staff.actor.id } });
        if (allowed) {
          await mutation.run(staff, fx);
          expect(await db.auditEvent.count({ where: { actorId: staff.actor.id } })).toBeGreaterThan(auditBefore);
        } else {
          await expect(mutation.run(staff, fx)).rejects.toBeInstanceOf(ForbiddenError);
          expect(await db.auditEvent.count({ where: { actorId: staff.actor.id } })).toBe(auditBefore);
        }
      });
    }
  }
});

describe("team rules", () => {
  it("never removes or demotes the last admin, nor lets you remove yourself", async () => {
    const { staff } = await setup("admin");
    const boss = await db.user.findUniqueOrThrow({ where: { email: "boss@example.com" } });
    await removeTeamMember(db, staff, boss.id);
    await expect(changeRole(db, staff, { userId: staff.actor.id!, role: "viewer" })).rejects.toThrow("at least one admin");
    await expect(removeTeamMember(db, staff, staff.actor.id!)).rejects.toThrow("your own account");
  });

  it("a password change signs out the user's other sessions and is audited", async () => {
    const { staff, fx } = await setup("viewer");
    await changeOwnPassword(db, staff, { current: PASSWORD, next: "another long passphrase", confirm: "another long passphrase" });
    expect(await db.session.findUnique({ where: { id: fx.otherSessionId } })).toBeNull();
    expect(await db.session.findUnique({ where: { id: staff.sessionId! } })).not.toBeNull();
    await expect(changeOwnPassword(db, staff, { current: "wrong", next: "x".repeat(12), confirm: "x".repeat(12) })).rejects.toThrow("current password");
    await expect(changeOwnPassword(db, staff, { current: "another long passphrase", next: "qwertyuiop123", confirm: "qwertyuiop123" })).rejects.toMatchObject({
      fields: { next: expect.stringMatching(/commonly used password/) },
    });
  });
});
