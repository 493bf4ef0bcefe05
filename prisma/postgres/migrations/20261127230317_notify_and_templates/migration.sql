-- AlterTable
ALTER TABLE "IncidentUpdate" ADD COLUMN     "notifySubscribers" BOOLEAN NOT NULL DEFAULT true;

-- CreateTable
CREATE TABLE "IncidentTemplate" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "IncidentTemplate_pkey" PRIMARY KEY ("id")
);
