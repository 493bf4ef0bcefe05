-- DropForeignKey
ALTER TABLE "Notification" DROP CONSTRAINT "Notification_subscriberId_fkey";

-- AlterTable (edited by hand: rows queued before this migration get their recipient from their
-- subscriber, masked like lib/notify/recipient.ts does, before the column becomes required)
ALTER TABLE "Notification" ADD COLUMN     "recipient" TEXT,
ALTER COLUMN "subscriberId" DROP NOT NULL;

UPDATE "Notification" n SET "recipient" = CASE
    WHEN s."channel" = 'email' THEN s."target"
    ELSE lower(regexp_replace(s."target", '^([^:/?#]+://)([^/?#]*@)?([^/?#]*).*$', '\1\3')) || '/…'
END
FROM "Subscriber" s WHERE s."id" = n."subscriberId";
UPDATE "Notification" SET "recipient" = '' WHERE "recipient" IS NULL;
ALTER TABLE "Notification" ALTER COLUMN "recipient" SET NOT NULL;

-- AddForeignKey
ALTER TABLE "Notification" ADD CONSTRAINT "Notification_subscriberId_fkey" FOREIGN KEY ("subscriberId") REFERENCES "Subscriber"("id") ON DELETE SET NULL ON UPDATE CASCADE;
