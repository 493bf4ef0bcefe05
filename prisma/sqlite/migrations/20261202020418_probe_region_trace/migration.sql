-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_ProbeState" (
    "probeId" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "lastStartedAt" DATETIME,
    "healthChanges" TEXT NOT NULL DEFAULT '[]',
    "skippedSlots" INTEGER NOT NULL DEFAULT 0,
    "lateChecks" INTEGER NOT NULL DEFAULT 0,
    "updatedAt" DATETIME NOT NULL,

    PRIMARY KEY ("probeId", "region"),
    CONSTRAINT "ProbeState_probeId_fkey" FOREIGN KEY ("probeId") REFERENCES "Probe" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_ProbeState" ("lastStartedAt", "probeId", "region", "state", "updatedAt") SELECT "lastStartedAt", "probeId", "region", "state", "updatedAt" FROM "ProbeState";
DROP TABLE "ProbeState";
ALTER TABLE "new_ProbeState" RENAME TO "ProbeState";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
