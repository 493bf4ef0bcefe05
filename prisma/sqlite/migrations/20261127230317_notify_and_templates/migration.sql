-- CreateTable
CREATE TABLE "IncidentTemplate" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_IncidentUpdate" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "incidentId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "displayAt" DATETIME NOT NULL,
    "affectedComponents" TEXT,
    "notifySubscribers" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "IncidentUpdate_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_IncidentUpdate" ("affectedComponents", "body", "createdAt", "displayAt", "id", "incidentId", "status", "updatedAt") SELECT "affectedComponents", "body", "createdAt", "displayAt", "id", "incidentId", "status", "updatedAt" FROM "IncidentUpdate";
DROP TABLE "IncidentUpdate";
ALTER TABLE "new_IncidentUpdate" RENAME TO "IncidentUpdate";
CREATE INDEX "IncidentUpdate_incidentId_displayAt_idx" ON "IncidentUpdate"("incidentId", "displayAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
