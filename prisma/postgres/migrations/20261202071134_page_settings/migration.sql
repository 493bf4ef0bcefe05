-- AlterTable
ALTER TABLE "PageSetting" DROP COLUMN "logoUrl",
ADD COLUMN     "aboutMarkdown" TEXT,
ADD COLUMN     "footerLinks" TEXT NOT NULL DEFAULT '[]',
ADD COLUMN     "locale" TEXT NOT NULL DEFAULT 'en-US',
ADD COLUMN     "metaDescription" TEXT,
ADD COLUMN     "setUpAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "PageAsset" (
    "id" TEXT NOT NULL,
    "pageId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "contentType" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "bytes" BYTEA NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PageAsset_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Installation" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "allowMetadataProbeTargets" BOOLEAN NOT NULL DEFAULT false,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Installation_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "PageAsset_sha256_idx" ON "PageAsset"("sha256");

-- CreateIndex
CREATE UNIQUE INDEX "PageAsset_pageId_kind_key" ON "PageAsset"("pageId", "kind");

-- AddForeignKey
ALTER TABLE "PageAsset" ADD CONSTRAINT "PageAsset_pageId_fkey" FOREIGN KEY ("pageId") REFERENCES "PageSetting"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Installations that already have staff set their page up before this step existed.
UPDATE "PageSetting" SET "setUpAt" = CURRENT_TIMESTAMP WHERE EXISTS (SELECT 1 FROM "User");
