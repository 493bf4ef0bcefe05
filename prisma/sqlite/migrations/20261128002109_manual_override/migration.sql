-- AlterTable
ALTER TABLE "Component" ADD COLUMN "manualSetAt" DATETIME;
ALTER TABLE "Component" ADD COLUMN "manualStatus" TEXT;

-- AlterTable
ALTER TABLE "Incident" ADD COLUMN "creationKey" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "Incident_creationKey_key" ON "Incident"("creationKey");
