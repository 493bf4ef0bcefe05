-- AlterTable
ALTER TABLE "ProbeState" ADD COLUMN     "healthChanges" TEXT NOT NULL DEFAULT '[]',
ADD COLUMN     "lateChecks" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "skippedSlots" INTEGER NOT NULL DEFAULT 0;
