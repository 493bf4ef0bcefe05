-- AlterTable
ALTER TABLE "Component" ADD COLUMN     "autoIncident" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "autoIncidentId" TEXT,
ADD COLUMN     "observedStatus" TEXT;

-- AlterTable
ALTER TABLE "ComponentStatusChange" ADD COLUMN     "evidence" TEXT;

-- CreateTable
CREATE TABLE "Probe" (
    "id" TEXT NOT NULL,
    "componentId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "config" TEXT NOT NULL,
    "schedule" TEXT NOT NULL,
    "thresholds" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Probe_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProbeState" (
    "probeId" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "lastStartedAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ProbeState_pkey" PRIMARY KEY ("probeId","region")
);

-- CreateTable
CREATE TABLE "ProbeResult" (
    "id" TEXT NOT NULL,
    "probeId" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL,
    "outcome" TEXT NOT NULL,
    "errorClass" TEXT,
    "message" TEXT NOT NULL,
    "latencyMs" INTEGER NOT NULL,
    "dnsMs" INTEGER,
    "connectMs" INTEGER,
    "tlsMs" INTEGER,
    "firstByteMs" INTEGER,
    "statusCode" INTEGER,

    CONSTRAINT "ProbeResult_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Probe_componentId_idx" ON "Probe"("componentId");

-- CreateIndex
CREATE INDEX "ProbeResult_probeId_startedAt_idx" ON "ProbeResult"("probeId", "startedAt");

-- CreateIndex
CREATE INDEX "ProbeResult_startedAt_idx" ON "ProbeResult"("startedAt");

-- AddForeignKey
ALTER TABLE "Probe" ADD CONSTRAINT "Probe_componentId_fkey" FOREIGN KEY ("componentId") REFERENCES "Component"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProbeState" ADD CONSTRAINT "ProbeState_probeId_fkey" FOREIGN KEY ("probeId") REFERENCES "Probe"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProbeResult" ADD CONSTRAINT "ProbeResult_probeId_fkey" FOREIGN KEY ("probeId") REFERENCES "Probe"("id") ON DELETE CASCADE ON UPDATE CASCADE;
