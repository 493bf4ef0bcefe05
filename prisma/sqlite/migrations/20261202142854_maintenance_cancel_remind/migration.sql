-- AlterTable
ALTER TABLE "Incident" ADD COLUMN "cancelledAt" DATETIME;
ALTER TABLE "Incident" ADD COLUMN "remindBeforeMinutes" INTEGER;
ALTER TABLE "Incident" ADD COLUMN "remindedAt" DATETIME;
