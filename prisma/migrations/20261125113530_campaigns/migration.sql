-- CreateEnum
CREATE TYPE "CampaignStatus" AS ENUM ('DRAFT', 'SCHEDULED', 'RUNNING', 'PAUSED', 'COMPLETED', 'CANCELLED', 'REJECTED', 'FAILED');

-- CreateEnum
CREATE TYPE "StageType" AS ENUM ('LIST', 'APPROVAL', 'MAILING', 'CALL_TASKS', 'WAIT');

-- CreateEnum
CREATE TYPE "StageStatus" AS ENUM ('PENDING', 'RUNNING', 'COMPLETED', 'CANCELLED', 'REJECTED', 'FAILED');

-- CreateEnum
CREATE TYPE "ApprovalDecision" AS ENUM ('APPROVED', 'REJECTED');

-- CreateEnum
CREATE TYPE "ListCell" AS ENUM ('TARGET', 'TEST');

-- CreateEnum
CREATE TYPE "DeliveryState" AS ENUM ('PENDING', 'SENDING', 'SENT', 'FAILED', 'SKIPPED', 'CANCELLED');

-- AlterTable
ALTER TABLE "contacts" ADD COLUMN     "time_zone" TEXT;

-- AlterTable
ALTER TABLE "tasks" ADD COLUMN     "campaign_stage_id" UUID;

-- CreateTable
CREATE TABLE "settings" (
    "key" TEXT NOT NULL,
    "value" JSONB NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "settings_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "campaigns" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "parent_id" UUID,
    "channels" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "budget_amount" DECIMAL(14,2),
    "currency" TEXT,
    "offers" JSONB NOT NULL DEFAULT '[]',
    "status" "CampaignStatus" NOT NULL DEFAULT 'DRAFT',
    "ended_at" TIMESTAMPTZ(3),
    "end_reason" TEXT,
    "copied_from_id" UUID,
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "campaigns_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "campaign_sources" (
    "id" UUID NOT NULL,
    "campaign_id" UUID NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "channel" TEXT,
    "cost" DECIMAL(14,2),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "campaign_sources_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "campaign_stages" (
    "id" UUID NOT NULL,
    "campaign_id" UUID NOT NULL,
    "position" INTEGER NOT NULL,
    "type" "StageType" NOT NULL,
    "name" TEXT,
    "status" "StageStatus" NOT NULL DEFAULT 'PENDING',
    "start_at" TIMESTAMPTZ(3),
    "settings" JSONB NOT NULL DEFAULT '{}',
    "started_settings" JSONB,
    "result" JSONB NOT NULL DEFAULT '{}',
    "started_at" TIMESTAMPTZ(3),
    "completed_at" TIMESTAMPTZ(3),
    "end_reason" TEXT,

    CONSTRAINT "campaign_stages_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "campaign_events" (
    "id" UUID NOT NULL,
    "campaign_id" UUID NOT NULL,
    "stage_id" UUID,
    "kind" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "details" JSONB NOT NULL DEFAULT '{}',
    "by_user_id" UUID,
    "dedupe_key" TEXT,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "campaign_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "campaign_approvals" (
    "id" UUID NOT NULL,
    "stage_id" UUID NOT NULL,
    "approver_id" UUID NOT NULL,
    "decision" "ApprovalDecision" NOT NULL,
    "comment" TEXT,
    "decided_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "campaign_approvals_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "campaign_recipients" (
    "campaign_id" UUID NOT NULL,
    "contact_id" UUID NOT NULL,
    "account_id" UUID NOT NULL,
    "email_normalized" TEXT,
    "cell" "ListCell" NOT NULL DEFAULT 'TARGET',
    "list_stage_id" UUID NOT NULL,

    CONSTRAINT "campaign_recipients_pkey" PRIMARY KEY ("campaign_id","contact_id")
);

-- CreateTable
CREATE TABLE "mail_deliveries" (
    "stage_id" UUID NOT NULL,
    "contact_id" UUID NOT NULL,
    "campaign_id" UUID NOT NULL,
    "account_id" UUID NOT NULL,
    "state" "DeliveryState" NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "next_attempt_at" TIMESTAMPTZ(3),
    "claimed_at" TIMESTAMPTZ(3),
    "sent_at" TIMESTAMPTZ(3),
    "reason" TEXT,

    CONSTRAINT "mail_deliveries_pkey" PRIMARY KEY ("stage_id","contact_id")
);

-- CreateIndex
CREATE INDEX "campaigns_parent_id_idx" ON "campaigns"("parent_id");

-- CreateIndex
CREATE INDEX "campaigns_status_idx" ON "campaigns"("status");

-- CreateIndex
CREATE UNIQUE INDEX "campaign_sources_campaign_id_code_key" ON "campaign_sources"("campaign_id", "code");

-- CreateIndex
CREATE UNIQUE INDEX "campaign_stages_campaign_id_position_key" ON "campaign_stages"("campaign_id", "position");

-- CreateIndex
CREATE UNIQUE INDEX "campaign_events_dedupe_key_key" ON "campaign_events"("dedupe_key");

-- CreateIndex
CREATE INDEX "campaign_events_campaign_id_at_idx" ON "campaign_events"("campaign_id", "at");

-- CreateIndex
CREATE UNIQUE INDEX "campaign_approvals_stage_id_approver_id_key" ON "campaign_approvals"("stage_id", "approver_id");

-- CreateIndex
CREATE INDEX "mail_deliveries_stage_id_state_idx" ON "mail_deliveries"("stage_id", "state");

-- CreateIndex
CREATE INDEX "mail_deliveries_contact_id_sent_at_idx" ON "mail_deliveries"("contact_id", "sent_at");

-- CreateIndex
CREATE UNIQUE INDEX "tasks_campaign_stage_id_account_id_key" ON "tasks"("campaign_stage_id", "account_id");

-- AddForeignKey
ALTER TABLE "campaigns" ADD CONSTRAINT "campaigns_parent_id_fkey" FOREIGN KEY ("parent_id") REFERENCES "campaigns"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "campaign_sources" ADD CONSTRAINT "campaign_sources_campaign_id_fkey" FOREIGN KEY ("campaign_id") REFERENCES "campaigns"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "campaign_stages" ADD CONSTRAINT "campaign_stages_campaign_id_fkey" FOREIGN KEY ("campaign_id") REFERENCES "campaigns"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "campaign_events" ADD CONSTRAINT "campaign_events_campaign_id_fkey" FOREIGN KEY ("campaign_id") REFERENCES "campaigns"("id") ON DELETE CASCADE ON UPDATE CASCADE;
