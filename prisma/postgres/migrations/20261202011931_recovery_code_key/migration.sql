-- AlterTable
ALTER TABLE "PageSetting" ADD COLUMN     "recoveryCodeKey" TEXT;
