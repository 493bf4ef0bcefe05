-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_ApiKey" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "keyHash" TEXT NOT NULL,
    "scopes" TEXT NOT NULL,
    "createdByEmail" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" DATETIME,
    "revokedAt" DATETIME,
    "rateWindowStart" DATETIME,
    "rateCount" INTEGER NOT NULL DEFAULT 0,
    "ratePrevCount" INTEGER NOT NULL DEFAULT 0
);
INSERT INTO "new_ApiKey" ("createdAt", "createdByEmail", "id", "keyHash", "lastUsedAt", "name", "prefix", "rateCount", "rateWindowStart", "revokedAt", "scopes") SELECT "createdAt", "createdByEmail", "id", "keyHash", "lastUsedAt", "name", "prefix", "rateCount", "rateWindowStart", "revokedAt", "scopes" FROM "ApiKey";
DROP TABLE "ApiKey";
ALTER TABLE "new_ApiKey" RENAME TO "ApiKey";
CREATE UNIQUE INDEX "ApiKey_keyHash_key" ON "ApiKey"("keyHash");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
