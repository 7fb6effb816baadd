-- CreateEnum
CREATE TYPE "AccountStatus" AS ENUM ('NEW', 'POTENTIAL', 'CONTACT_ESTABLISHED', 'MEETING_HELD', 'CONTRACT_SIGNED', 'CLIENT', 'REFUSED', 'LOST');

-- CreateEnum
CREATE TYPE "ActivityType" AS ENUM ('CALL', 'MEETING', 'EMAIL', 'FAX', 'NOTE');

-- CreateEnum
CREATE TYPE "ActivityOutcome" AS ENUM ('CONTACT_MADE', 'NO_ANSWER', 'WRONG_NUMBER', 'COMPANY_NOT_FOUND', 'MEETING_HELD', 'CONTRACT_SIGNED', 'PAYMENT_CONFIRMED', 'REFUSED', 'INTERESTED');

-- CreateEnum
CREATE TYPE "ActivityState" AS ENUM ('PENDING', 'APPLIED');

-- CreateEnum
CREATE TYPE "TaskState" AS ENUM ('OPEN', 'DONE', 'CANCELLED');

-- CreateEnum
CREATE TYPE "TimerState" AS ENUM ('PENDING', 'FIRED', 'CANCELLED');

-- AlterTable
ALTER TABLE "users" ADD COLUMN     "manager_id" UUID;

-- CreateTable
CREATE TABLE "accounts" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "segment" TEXT,
    "owner_id" UUID,
    "status" "AccountStatus" NOT NULL DEFAULT 'NEW',
    "was_client" BOOLEAN NOT NULL DEFAULT false,
    "time_zone" TEXT NOT NULL DEFAULT 'UTC',
    "fields" JSONB NOT NULL DEFAULT '{}',
    "lead_source" TEXT,
    "archived_at" TIMESTAMPTZ(3),
    "archived_reason" TEXT,
    "last_contacted_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "accounts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "contacts" (
    "id" UUID NOT NULL,
    "account_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "email" TEXT,
    "email_normalized" TEXT,
    "phone" TEXT,
    "title" TEXT,
    "is_primary" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "contacts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "activities" (
    "id" UUID NOT NULL,
    "account_id" UUID NOT NULL,
    "type" "ActivityType" NOT NULL,
    "outcome" "ActivityOutcome" NOT NULL,
    "occurred_at" TIMESTAMPTZ(3) NOT NULL,
    "notes" TEXT,
    "next_step" JSONB,
    "logged_by_id" UUID NOT NULL,
    "state" "ActivityState" NOT NULL DEFAULT 'PENDING',
    "result" JSONB,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "activities_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "status_changes" (
    "id" UUID NOT NULL,
    "account_id" UUID NOT NULL,
    "from_status" "AccountStatus",
    "to_status" "AccountStatus" NOT NULL,
    "activity_id" UUID,
    "timer_id" UUID,
    "rule_id" UUID,
    "rule_key" TEXT,
    "rule_version" INTEGER,
    "changed_by_id" UUID,
    "reason" TEXT,
    "changed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "status_changes_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "tasks" (
    "id" UUID NOT NULL,
    "account_id" UUID NOT NULL,
    "assignee_id" UUID,
    "type" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "due_at" TIMESTAMPTZ(3) NOT NULL,
    "state" "TaskState" NOT NULL DEFAULT 'OPEN',
    "completed_at" TIMESTAMPTZ(3),
    "activity_id" UUID,
    "timer_id" UUID,
    "rule_id" UUID,
    "rule_key" TEXT,
    "rule_version" INTEGER,
    "why" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "tasks_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "timers" (
    "id" UUID NOT NULL,
    "account_id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "fire_at" TIMESTAMPTZ(3) NOT NULL,
    "state" "TimerState" NOT NULL DEFAULT 'PENDING',
    "on_fire" JSONB NOT NULL,
    "task_id" UUID,
    "activity_id" UUID,
    "rule_id" UUID,
    "rule_key" TEXT,
    "rule_version" INTEGER,
    "why" JSONB NOT NULL,
    "history" JSONB NOT NULL DEFAULT '[]',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "settled_at" TIMESTAMPTZ(3),

    CONSTRAINT "timers_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "rules" (
    "id" UUID NOT NULL,
    "key" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "definition" JSONB NOT NULL,
    "is_current" BOOLEAN NOT NULL DEFAULT true,
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "rules_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "business_calendar" (
    "id" TEXT NOT NULL DEFAULT 'default',
    "weekend_days" INTEGER[] DEFAULT ARRAY[6, 7]::INTEGER[],
    "holidays" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "business_calendar_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "notifications" (
    "id" UUID NOT NULL,
    "recipient_id" UUID NOT NULL,
    "account_id" UUID,
    "task_id" UUID,
    "message" TEXT NOT NULL,
    "why" JSONB NOT NULL,
    "dedupe_key" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "read_at" TIMESTAMPTZ(3),

    CONSTRAINT "notifications_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "accounts_status_idx" ON "accounts"("status");

-- CreateIndex
CREATE INDEX "accounts_segment_idx" ON "accounts"("segment");

-- CreateIndex
CREATE INDEX "accounts_owner_id_idx" ON "accounts"("owner_id");

-- CreateIndex
CREATE INDEX "contacts_account_id_idx" ON "contacts"("account_id");

-- CreateIndex
CREATE INDEX "contacts_email_normalized_idx" ON "contacts"("email_normalized");

-- CreateIndex
CREATE INDEX "activities_account_id_occurred_at_idx" ON "activities"("account_id", "occurred_at");

-- CreateIndex
CREATE INDEX "status_changes_account_id_changed_at_idx" ON "status_changes"("account_id", "changed_at");

-- CreateIndex
CREATE INDEX "tasks_assignee_id_state_due_at_idx" ON "tasks"("assignee_id", "state", "due_at");

-- CreateIndex
CREATE INDEX "tasks_account_id_state_idx" ON "tasks"("account_id", "state");

-- CreateIndex
CREATE INDEX "timers_account_id_state_idx" ON "timers"("account_id", "state");

-- CreateIndex
CREATE INDEX "rules_is_current_idx" ON "rules"("is_current");

-- CreateIndex
CREATE UNIQUE INDEX "rules_key_version_key" ON "rules"("key", "version");

-- CreateIndex
CREATE UNIQUE INDEX "notifications_dedupe_key_key" ON "notifications"("dedupe_key");

-- CreateIndex
CREATE INDEX "notifications_recipient_id_created_at_idx" ON "notifications"("recipient_id", "created_at");

-- AddForeignKey
ALTER TABLE "users" ADD CONSTRAINT "users_manager_id_fkey" FOREIGN KEY ("manager_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;
