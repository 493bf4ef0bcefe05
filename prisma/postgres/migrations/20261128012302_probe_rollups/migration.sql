-- CreateTable
CREATE TABLE "ProbeRollup" (
    "probeId" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "period" TEXT NOT NULL,
    "start" TIMESTAMP(3) NOT NULL,
    "ok" INTEGER NOT NULL,
    "degraded" INTEGER NOT NULL,
    "failed" INTEGER NOT NULL,
    "latencySumMs" INTEGER NOT NULL,
    "latencyMaxMs" INTEGER NOT NULL,
    "histogram" TEXT NOT NULL,

    CONSTRAINT "ProbeRollup_pkey" PRIMARY KEY ("probeId","region","period","start")
);

-- CreateIndex
CREATE INDEX "ProbeRollup_period_start_idx" ON "ProbeRollup"("period", "start");

-- AddForeignKey
ALTER TABLE "ProbeRollup" ADD CONSTRAINT "ProbeRollup_probeId_fkey" FOREIGN KEY ("probeId") REFERENCES "Probe"("id") ON DELETE CASCADE ON UPDATE CASCADE;
