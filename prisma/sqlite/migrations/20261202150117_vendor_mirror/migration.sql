-- AlterTable
ALTER TABLE "Component" ADD COLUMN "vendorStatus" TEXT;

-- CreateTable
CREATE TABLE "VendorMirror" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "componentId" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "vendorComponent" TEXT,
    "vendorName" TEXT,
    "vendorComponentName" TEXT,
    "intervalSeconds" INTEGER NOT NULL DEFAULT 300,
    "etag" TEXT,
    "lastCheckedAt" DATETIME,
    "lastError" TEXT,
    "nextCheckAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "leaseUntil" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "VendorMirror_componentId_fkey" FOREIGN KEY ("componentId") REFERENCES "Component" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "VendorMirror_componentId_key" ON "VendorMirror"("componentId");

-- CreateIndex
CREATE INDEX "VendorMirror_nextCheckAt_idx" ON "VendorMirror"("nextCheckAt");
