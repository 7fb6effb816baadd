-- AlterTable
ALTER TABLE "event_registrations" ADD COLUMN     "attendance_activity_id" UUID;

-- Check-ins made before: through their attendance response, else (an event without a campaign) the
-- INTERESTED activity the check-in logged on the account at the very instant it stamped.
UPDATE "event_registrations" r SET "attendance_activity_id" = p."activity_id"
FROM "responses" p WHERE p."id" = r."attendance_response_id" AND p."activity_id" IS NOT NULL;
UPDATE "event_registrations" r SET "attendance_activity_id" = a."id"
FROM "activities" a
WHERE r."attendance_activity_id" IS NULL AND r."checked_in_at" IS NOT NULL AND a."account_id" = r."account_id"
  AND a."occurred_at" = r."checked_in_at" AND a."logged_by_id" = r."checked_in_by_id" AND a."outcome" = 'INTERESTED';

-- CreateTable
CREATE TABLE "event_measures" (
    "id" UUID NOT NULL,
    "key" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "definition" JSONB NOT NULL,
    "event_kinds" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "archived_at" TIMESTAMPTZ(3),

    CONSTRAINT "event_measures_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "event_measures_key_key" ON "event_measures"("key");

-- CreateIndex
CREATE UNIQUE INDEX "event_measures_name_key" ON "event_measures"("name");
