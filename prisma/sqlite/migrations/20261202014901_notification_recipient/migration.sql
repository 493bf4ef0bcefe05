-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Notification" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "eventId" TEXT NOT NULL,
    "subscriberId" TEXT,
    "channel" TEXT NOT NULL,
    "recipient" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "leaseUntil" DATETIME,
    "leaseOwner" TEXT,
    "lastError" TEXT,
    "sentAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Notification_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "AlertEvent" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Notification_subscriberId_fkey" FOREIGN KEY ("subscriberId") REFERENCES "Subscriber" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
-- Edited by hand: rows queued before this migration get their recipient from their subscriber
-- (every such row has one: subscribers' rows were deleted with them until now), masked like
-- lib/notify/recipient.ts does (a URL keeps its scheme and host only).
WITH "parts" AS (
    SELECT "id", "channel", "target",
        substr("target", 1, instr("target", '://') + 2) AS "scheme",
        replace(replace(substr("target", instr("target", '://') + 3), '?', '/'), '#', '/') AS "rest"
    FROM "Subscriber"
), "hosts" AS (
    SELECT *, CASE WHEN instr("rest", '/') > 0 THEN substr("rest", 1, instr("rest", '/') - 1) ELSE "rest" END AS "authority" FROM "parts"
), "masked" AS (
    SELECT "id", CASE WHEN "channel" = 'email' THEN "target" ELSE lower("scheme" || substr("authority", instr("authority", '@') + 1)) || '/…' END AS "recipient"
    FROM "hosts"
)
INSERT INTO "new_Notification" ("attempts", "channel", "createdAt", "eventId", "id", "lastError", "leaseOwner", "leaseUntil", "nextAttemptAt", "sentAt", "status", "subscriberId", "recipient") SELECT n."attempts", n."channel", n."createdAt", n."eventId", n."id", n."lastError", n."leaseOwner", n."leaseUntil", n."nextAttemptAt", n."sentAt", n."status", n."subscriberId", COALESCE(m."recipient", '') FROM "Notification" n LEFT JOIN "masked" m ON m."id" = n."subscriberId";
DROP TABLE "Notification";
ALTER TABLE "new_Notification" RENAME TO "Notification";
CREATE INDEX "Notification_status_nextAttemptAt_idx" ON "Notification"("status", "nextAttemptAt");
CREATE INDEX "Notification_subscriberId_idx" ON "Notification"("subscriberId");
CREATE UNIQUE INDEX "Notification_eventId_subscriberId_key" ON "Notification"("eventId", "subscriberId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
