-- AlterTable
ALTER TABLE "Incident" ADD COLUMN     "cancelledAt" TIMESTAMP(3),
ADD COLUMN     "remindBeforeMinutes" INTEGER,
ADD COLUMN     "remindedAt" TIMESTAMP(3);
