-- CreateTable
CREATE TABLE "ProbeHeartbeat" (
    "probeId" TEXT NOT NULL PRIMARY KEY,
    "tokenHash" TEXT NOT NULL,
    "tokenPrefix" TEXT NOT NULL,
    "lastPingAt" DATETIME,
    "lastPingStatus" TEXT,
    "nextDueAt" DATETIME,
    "claimedUntil" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "ProbeHeartbeat_probeId_fkey" FOREIGN KEY ("probeId") REFERENCES "Probe" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "ProbeHeartbeat_tokenHash_key" ON "ProbeHeartbeat"("tokenHash");

-- CreateIndex
CREATE INDEX "ProbeHeartbeat_nextDueAt_idx" ON "ProbeHeartbeat"("nextDueAt");
