-- CreateTable
CREATE TABLE "PageAsset" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "pageId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "contentType" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "bytes" BLOB NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "PageAsset_pageId_fkey" FOREIGN KEY ("pageId") REFERENCES "PageSetting" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Installation" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT DEFAULT 1,
    "allowMetadataProbeTargets" BOOLEAN NOT NULL DEFAULT false,
    "updatedAt" DATETIME NOT NULL
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_PageSetting" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT DEFAULT 1,
    "name" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "timeZone" TEXT NOT NULL,
    "locale" TEXT NOT NULL DEFAULT 'en-US',
    "brandColor" TEXT,
    "supportUrl" TEXT,
    "footerLinks" TEXT NOT NULL DEFAULT '[]',
    "aboutMarkdown" TEXT,
    "metaDescription" TEXT,
    "setUpAt" DATETIME,
    "signingSecret" TEXT,
    "recoveryCodeKey" TEXT,
    "revision" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_PageSetting" ("brandColor", "createdAt", "id", "name", "recoveryCodeKey", "revision", "signingSecret", "supportUrl", "timeZone", "updatedAt", "url") SELECT "brandColor", "createdAt", "id", "name", "recoveryCodeKey", "revision", "signingSecret", "supportUrl", "timeZone", "updatedAt", "url" FROM "PageSetting";
DROP TABLE "PageSetting";
ALTER TABLE "new_PageSetting" RENAME TO "PageSetting";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "PageAsset_sha256_idx" ON "PageAsset"("sha256");

-- CreateIndex
CREATE UNIQUE INDEX "PageAsset_pageId_kind_key" ON "PageAsset"("pageId", "kind");

-- Installations that already have staff set their page up before this step existed.
UPDATE "PageSetting" SET "setUpAt" = CURRENT_TIMESTAMP WHERE EXISTS (SELECT 1 FROM "User");
