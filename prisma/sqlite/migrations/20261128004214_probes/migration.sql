-- AlterTable
ALTER TABLE "ComponentStatusChange" ADD COLUMN "evidence" TEXT;

-- CreateTable
CREATE TABLE "Probe" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "componentId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "config" TEXT NOT NULL,
    "schedule" TEXT NOT NULL,
    "thresholds" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Probe_componentId_fkey" FOREIGN KEY ("componentId") REFERENCES "Component" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ProbeState" (
    "probeId" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "lastStartedAt" DATETIME,
    "updatedAt" DATETIME NOT NULL,

    PRIMARY KEY ("probeId", "region"),
    CONSTRAINT "ProbeState_probeId_fkey" FOREIGN KEY ("probeId") REFERENCES "Probe" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ProbeResult" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "probeId" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "startedAt" DATETIME NOT NULL,
    "outcome" TEXT NOT NULL,
    "errorClass" TEXT,
    "message" TEXT NOT NULL,
    "latencyMs" INTEGER NOT NULL,
    "dnsMs" INTEGER,
    "connectMs" INTEGER,
    "tlsMs" INTEGER,
    "firstByteMs" INTEGER,
    "statusCode" INTEGER,
    CONSTRAINT "ProbeResult_probeId_fkey" FOREIGN KEY ("probeId") REFERENCES "Probe" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Component" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "description" TEXT,
    "position" INTEGER NOT NULL,
    "groupId" TEXT,
    "showUptime" BOOLEAN NOT NULL DEFAULT true,
    "startDate" DATETIME NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'operational',
    "manualStatus" TEXT,
    "manualSetAt" DATETIME,
    "observedStatus" TEXT,
    "autoIncident" BOOLEAN NOT NULL DEFAULT false,
    "autoIncidentId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Component_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "ComponentGroup" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Component" ("createdAt", "description", "groupId", "id", "manualSetAt", "manualStatus", "name", "position", "showUptime", "slug", "startDate", "status", "updatedAt") SELECT "createdAt", "description", "groupId", "id", "manualSetAt", "manualStatus", "name", "position", "showUptime", "slug", "startDate", "status", "updatedAt" FROM "Component";
DROP TABLE "Component";
ALTER TABLE "new_Component" RENAME TO "Component";
CREATE UNIQUE INDEX "Component_slug_key" ON "Component"("slug");
CREATE INDEX "Component_groupId_position_idx" ON "Component"("groupId", "position");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "Probe_componentId_idx" ON "Probe"("componentId");

-- CreateIndex
CREATE INDEX "ProbeResult_probeId_startedAt_idx" ON "ProbeResult"("probeId", "startedAt");

-- CreateIndex
CREATE INDEX "ProbeResult_startedAt_idx" ON "ProbeResult"("startedAt");
