-- CreateTable
CREATE TABLE "Integration" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "tokenPrefix" TEXT NOT NULL,
    "rules" TEXT NOT NULL DEFAULT '[]',
    "defaultComponentId" TEXT,
    "defaultStatus" TEXT NOT NULL DEFAULT 'partial_outage',
    "templateId" TEXT,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Integration_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InboundAlert" (
    "id" TEXT NOT NULL,
    "integrationId" TEXT NOT NULL,
    "fingerprint" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "componentId" TEXT,
    "incidentId" TEXT,
    "outcome" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "receivedCount" INTEGER NOT NULL DEFAULT 1,
    "firstSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" TIMESTAMP(3) NOT NULL,
    "resolvedAt" TIMESTAMP(3),

    CONSTRAINT "InboundAlert_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InboundIncident" (
    "id" TEXT NOT NULL,
    "integrationId" TEXT NOT NULL,
    "componentId" TEXT NOT NULL,
    "incidentId" TEXT NOT NULL,
    "openSlot" TEXT DEFAULT 'open',
    "manualBefore" TEXT,
    "manualBeforeAt" TIMESTAMP(3),
    "manualSetAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "closedAt" TIMESTAMP(3),

    CONSTRAINT "InboundIncident_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Integration_tokenHash_key" ON "Integration"("tokenHash");

-- CreateIndex
CREATE INDEX "InboundAlert_integrationId_lastSeenAt_idx" ON "InboundAlert"("integrationId", "lastSeenAt");

-- CreateIndex
CREATE INDEX "InboundAlert_incidentId_status_idx" ON "InboundAlert"("incidentId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "InboundAlert_integrationId_fingerprint_key" ON "InboundAlert"("integrationId", "fingerprint");

-- CreateIndex
CREATE INDEX "InboundIncident_incidentId_idx" ON "InboundIncident"("incidentId");

-- CreateIndex
CREATE UNIQUE INDEX "InboundIncident_integrationId_componentId_openSlot_key" ON "InboundIncident"("integrationId", "componentId", "openSlot");

-- AddForeignKey
ALTER TABLE "InboundAlert" ADD CONSTRAINT "InboundAlert_integrationId_fkey" FOREIGN KEY ("integrationId") REFERENCES "Integration"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InboundIncident" ADD CONSTRAINT "InboundIncident_integrationId_fkey" FOREIGN KEY ("integrationId") REFERENCES "Integration"("id") ON DELETE CASCADE ON UPDATE CASCADE;
