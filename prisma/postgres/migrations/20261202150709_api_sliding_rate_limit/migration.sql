-- AlterTable
ALTER TABLE "ApiKey" ADD COLUMN     "ratePrevCount" INTEGER NOT NULL DEFAULT 0;
