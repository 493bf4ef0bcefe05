-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Installation" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT DEFAULT 1,
    "allowMetadataProbeTargets" BOOLEAN NOT NULL DEFAULT false,
    "monthlyReportEnabled" BOOLEAN NOT NULL DEFAULT true,
    "monthlyReportMonth" TEXT,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_Installation" ("allowMetadataProbeTargets", "id", "updatedAt") SELECT "allowMetadataProbeTargets", "id", "updatedAt" FROM "Installation";
DROP TABLE "Installation";
ALTER TABLE "new_Installation" RENAME TO "Installation";
CREATE TABLE "new_Component" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "description" TEXT,
    "position" INTEGER NOT NULL,
    "groupId" TEXT,
    "showUptime" BOOLEAN NOT NULL DEFAULT true,
    "startDate" DATETIME NOT NULL,
    "sloTarget" REAL,
    "sloWindow" TEXT,
    "sloPublic" BOOLEAN NOT NULL DEFAULT false,
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
INSERT INTO "new_Component" ("autoIncident", "autoIncidentId", "createdAt", "description", "groupId", "id", "manualSetAt", "manualStatus", "name", "observedStatus", "position", "showUptime", "slug", "startDate", "status", "updatedAt") SELECT "autoIncident", "autoIncidentId", "createdAt", "description", "groupId", "id", "manualSetAt", "manualStatus", "name", "observedStatus", "position", "showUptime", "slug", "startDate", "status", "updatedAt" FROM "Component";
DROP TABLE "Component";
ALTER TABLE "new_Component" RENAME TO "Component";
CREATE UNIQUE INDEX "Component_slug_key" ON "Component"("slug");
CREATE INDEX "Component_groupId_position_idx" ON "Component"("groupId", "position");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
