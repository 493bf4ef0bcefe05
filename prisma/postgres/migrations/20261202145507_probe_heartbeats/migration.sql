-- CreateTable
CREATE TABLE "ProbeHeartbeat" (
    "probeId" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "tokenPrefix" TEXT NOT NULL,
    "lastPingAt" TIMESTAMP(3),
    "lastPingStatus" TEXT,
    "nextDueAt" TIMESTAMP(3),
    "claimedUntil" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ProbeHeartbeat_pkey" PRIMARY KEY ("probeId")
);

-- CreateIndex
CREATE UNIQUE INDEX "ProbeHeartbeat_tokenHash_key" ON "ProbeHeartbeat"("tokenHash");

-- CreateIndex
CREATE INDEX "ProbeHeartbeat_nextDueAt_idx" ON "ProbeHeartbeat"("nextDueAt");

-- AddForeignKey
ALTER TABLE "ProbeHeartbeat" ADD CONSTRAINT "ProbeHeartbeat_probeId_fkey" FOREIGN KEY ("probeId") REFERENCES "Probe"("id") ON DELETE CASCADE ON UPDATE CASCADE;
