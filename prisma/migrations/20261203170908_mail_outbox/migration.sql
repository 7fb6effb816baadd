-- CreateEnum
CREATE TYPE "OutboxKind" AS ENUM ('RULE_EMAIL', 'NOTIFICATION');

-- AlterTable
ALTER TABLE "outbound_emails" ADD COLUMN     "failed_attempts" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "kind" "OutboxKind" NOT NULL DEFAULT 'RULE_EMAIL',
ADD COLUMN     "last_error" TEXT,
ADD COLUMN     "notification_id" UUID,
ALTER COLUMN "template_key" DROP NOT NULL,
ALTER COLUMN "recipient_kind" DROP NOT NULL;

-- CreateIndex
CREATE UNIQUE INDEX "outbound_emails_notification_id_key" ON "outbound_emails"("notification_id");

-- AddForeignKey
ALTER TABLE "outbound_emails" ADD CONSTRAINT "outbound_emails_notification_id_fkey" FOREIGN KEY ("notification_id") REFERENCES "notifications"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Every notification's e-mail moves into the outbox: sent when it was e-mailed, pending otherwise.
INSERT INTO "outbound_emails" ("id", "dedupe_key", "kind", "notification_id", "account_id", "why", "sent_at", "created_at")
SELECT gen_random_uuid(), 'notification:' || n."id", 'NOTIFICATION', n."id", n."account_id", n."why", n."emailed_at", n."created_at"
FROM "notifications" n;

-- AlterTable
ALTER TABLE "notifications" DROP COLUMN "emailed_at";
