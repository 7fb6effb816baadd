-- CreateEnum
CREATE TYPE "EventStatus" AS ENUM ('DRAFT', 'SCHEDULED', 'COMPLETED', 'CANCELLED');

-- CreateEnum
CREATE TYPE "RegistrationMode" AS ENUM ('OPEN', 'INVITATION', 'CLOSED');

-- CreateEnum
CREATE TYPE "RegistrationStatus" AS ENUM ('REGISTERED', 'WAITING', 'CANCELLED');

-- CreateEnum
CREATE TYPE "PaymentState" AS ENUM ('UNPAID', 'PAID', 'WAIVED');

-- CreateEnum
CREATE TYPE "EventTaskState" AS ENUM ('PLANNED', 'OPEN', 'DONE', 'CANCELLED');

-- CreateEnum
CREATE TYPE "ResourceKind" AS ENUM ('FIXED', 'COUNTED', 'CONSUMABLE');

-- AlterEnum
ALTER TYPE "OutboxKind" ADD VALUE 'EVENT_EMAIL';

-- AlterEnum
ALTER TYPE "ResponseType" ADD VALUE 'ATTENDANCE';

-- AlterTable
ALTER TABLE "outbound_emails" ADD COLUMN     "event_id" UUID,
ADD COLUMN     "event_registration_id" UUID;

-- CreateTable
CREATE TABLE "events" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "description" TEXT,
    "venue" TEXT,
    "online_url" TEXT,
    "time_zone" TEXT NOT NULL DEFAULT 'UTC',
    "starts_at" TIMESTAMPTZ(3),
    "ends_at" TIMESTAMPTZ(3),
    "capacity" INTEGER,
    "owner_id" UUID NOT NULL,
    "team_ids" UUID[] DEFAULT ARRAY[]::UUID[],
    "campaign_id" UUID,
    "currency" TEXT,
    "price" DECIMAL(14,2),
    "offers" JSONB NOT NULL DEFAULT '[]',
    "status" "EventStatus" NOT NULL DEFAULT 'DRAFT',
    "registration_mode" "RegistrationMode" NOT NULL DEFAULT 'OPEN',
    "registration_opens_at" TIMESTAMPTZ(3),
    "registration_closes_at" TIMESTAMPTZ(3),
    "registration_opened_at" TIMESTAMPTZ(3),
    "registration_closed_at" TIMESTAMPTZ(3),
    "reminder_before" TEXT,
    "reminders_sent_at" TIMESTAMPTZ(3),
    "no_shows" INTEGER,
    "no_shows_counted_at" TIMESTAMPTZ(3),
    "copied_from_id" UUID,
    "scheduled_at" TIMESTAMPTZ(3),
    "ended_at" TIMESTAMPTZ(3),
    "end_reason" TEXT,
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "event_sources" (
    "id" UUID NOT NULL,
    "event_id" UUID NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "channel" TEXT,
    "campaign_source_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "event_sources_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "event_costs" (
    "id" UUID NOT NULL,
    "event_id" UUID NOT NULL,
    "label" TEXT NOT NULL,
    "category" TEXT,
    "planned" DECIMAL(14,2),
    "actual" DECIMAL(14,2),
    "position" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "event_costs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "event_tasks" (
    "id" UUID NOT NULL,
    "event_id" UUID NOT NULL,
    "title" TEXT NOT NULL,
    "assignee_id" UUID,
    "due" JSONB NOT NULL,
    "due_at" TIMESTAMPTZ(3),
    "state" "EventTaskState" NOT NULL DEFAULT 'PLANNED',
    "position" INTEGER NOT NULL DEFAULT 0,
    "completed_at" TIMESTAMPTZ(3),
    "completed_by_id" UUID,
    "escalated_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "event_tasks_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "resources" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "ResourceKind" NOT NULL,
    "description" TEXT,
    "quantity" INTEGER NOT NULL DEFAULT 1,
    "user_defined" BOOLEAN NOT NULL DEFAULT true,
    "archived_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "resources_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "resource_bookings" (
    "id" UUID NOT NULL,
    "resource_id" UUID NOT NULL,
    "event_id" UUID NOT NULL,
    "quantity" INTEGER NOT NULL DEFAULT 1,
    "starts_at" TIMESTAMPTZ(3) NOT NULL,
    "ends_at" TIMESTAMPTZ(3) NOT NULL,
    "note" TEXT,
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "resource_bookings_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "event_registrations" (
    "id" UUID NOT NULL,
    "event_id" UUID NOT NULL,
    "contact_id" UUID NOT NULL,
    "account_id" UUID NOT NULL,
    "status" "RegistrationStatus" NOT NULL,
    "channel" TEXT NOT NULL,
    "source_code" TEXT,
    "invited" BOOLEAN NOT NULL DEFAULT false,
    "created_account" BOOLEAN NOT NULL DEFAULT false,
    "payment" "PaymentState",
    "amount_paid" DECIMAL(14,2),
    "payment_marked_by_id" UUID,
    "payment_marked_at" TIMESTAMPTZ(3),
    "registered_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "confirmed_at" TIMESTAMPTZ(3),
    "cancelled_at" TIMESTAMPTZ(3),
    "checked_in_at" TIMESTAMPTZ(3),
    "checked_in_by_id" UUID,
    "no_show" BOOLEAN NOT NULL DEFAULT false,
    "activity_id" UUID,
    "response_id" UUID,
    "attendance_response_id" UUID,
    "created_by_id" UUID,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "event_registrations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "event_invitations" (
    "event_id" UUID NOT NULL,
    "contact_id" UUID NOT NULL,
    "account_id" UUID NOT NULL,
    "stage_id" UUID,
    "invited_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "event_invitations_pkey" PRIMARY KEY ("event_id","contact_id")
);

-- CreateIndex
CREATE INDEX "events_campaign_id_idx" ON "events"("campaign_id");

-- CreateIndex
CREATE INDEX "events_status_starts_at_idx" ON "events"("status", "starts_at");

-- CreateIndex
CREATE UNIQUE INDEX "event_sources_event_id_code_key" ON "event_sources"("event_id", "code");

-- CreateIndex
CREATE INDEX "event_costs_event_id_idx" ON "event_costs"("event_id");

-- CreateIndex
CREATE INDEX "event_tasks_event_id_idx" ON "event_tasks"("event_id");

-- CreateIndex
CREATE INDEX "event_tasks_assignee_id_state_due_at_idx" ON "event_tasks"("assignee_id", "state", "due_at");

-- CreateIndex
CREATE UNIQUE INDEX "resources_name_key" ON "resources"("name");

-- CreateIndex
CREATE INDEX "resource_bookings_resource_id_starts_at_idx" ON "resource_bookings"("resource_id", "starts_at");

-- CreateIndex
CREATE INDEX "resource_bookings_event_id_idx" ON "resource_bookings"("event_id");

-- CreateIndex
CREATE UNIQUE INDEX "resource_bookings_resource_id_event_id_key" ON "resource_bookings"("resource_id", "event_id");

-- CreateIndex
CREATE INDEX "event_registrations_event_id_status_registered_at_idx" ON "event_registrations"("event_id", "status", "registered_at");

-- CreateIndex
CREATE INDEX "event_registrations_account_id_idx" ON "event_registrations"("account_id");

-- CreateIndex
CREATE UNIQUE INDEX "event_registrations_event_id_contact_id_key" ON "event_registrations"("event_id", "contact_id");

-- CreateIndex
CREATE INDEX "outbound_emails_event_id_sent_at_idx" ON "outbound_emails"("event_id", "sent_at");

-- AddForeignKey
ALTER TABLE "event_sources" ADD CONSTRAINT "event_sources_event_id_fkey" FOREIGN KEY ("event_id") REFERENCES "events"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "event_costs" ADD CONSTRAINT "event_costs_event_id_fkey" FOREIGN KEY ("event_id") REFERENCES "events"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "event_tasks" ADD CONSTRAINT "event_tasks_event_id_fkey" FOREIGN KEY ("event_id") REFERENCES "events"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "resource_bookings" ADD CONSTRAINT "resource_bookings_resource_id_fkey" FOREIGN KEY ("resource_id") REFERENCES "resources"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- The seat of a registration, decided under the event's row lock. A PL/pgSQL function, so that the
-- count runs after the lock is granted, with a snapshot that sees every registration committed
-- before: the lock and the decision take one statement, and the lock is held until its commit only.
-- The migration runner splits scripts at every semicolon, quoted or not: the body's are written \073.
CREATE FUNCTION event_registration_seat(event uuid) RETURNS "RegistrationStatus"
LANGUAGE plpgsql VOLATILE AS E'
DECLARE
  seats integer\073
  taken bigint\073
BEGIN
  SELECT capacity INTO seats FROM events WHERE id = event FOR UPDATE\073
  IF seats IS NULL THEN
    RETURN ''REGISTERED''\073
  END IF\073
  SELECT count(*) INTO taken FROM event_registrations WHERE event_id = event AND status = ''REGISTERED''\073
  IF taken < seats THEN
    RETURN ''REGISTERED''\073
  END IF\073
  RETURN ''WAITING''\073
END
';
