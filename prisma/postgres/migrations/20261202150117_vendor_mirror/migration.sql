-- AlterTable
ALTER TABLE "Component" ADD COLUMN     "vendorStatus" TEXT;

-- CreateTable
CREATE TABLE "VendorMirror" (
    "id" TEXT NOT NULL,
    "componentId" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "vendorComponent" TEXT,
    "vendorName" TEXT,
    "vendorComponentName" TEXT,
    "intervalSeconds" INTEGER NOT NULL DEFAULT 300,
    "etag" TEXT,
    "lastCheckedAt" TIMESTAMP(3),
    "lastError" TEXT,
    "nextCheckAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "leaseUntil" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "VendorMirror_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "VendorMirror_componentId_key" ON "VendorMirror"("componentId");

-- CreateIndex
CREATE INDEX "VendorMirror_nextCheckAt_idx" ON "VendorMirror"("nextCheckAt");

-- AddForeignKey
ALTER TABLE "VendorMirror" ADD CONSTRAINT "VendorMirror_componentId_fkey" FOREIGN KEY ("componentId") REFERENCES "Component"("id") ON DELETE CASCADE ON UPDATE CASCADE;
