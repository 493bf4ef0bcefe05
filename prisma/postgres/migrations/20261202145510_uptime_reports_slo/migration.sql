-- AlterTable
ALTER TABLE "Installation" ADD COLUMN     "monthlyReportEnabled" BOOLEAN NOT NULL DEFAULT true,
ADD COLUMN     "monthlyReportMonth" TEXT;

-- AlterTable
ALTER TABLE "Component" ADD COLUMN     "sloPublic" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "sloTarget" DOUBLE PRECISION,
ADD COLUMN     "sloWindow" TEXT;
