-- CreateEnum
CREATE TYPE "PlanStatus" AS ENUM ('DRAFT', 'SUBMITTED', 'APPROVED', 'REJECTED', 'EXPIRED');

-- CreateEnum
CREATE TYPE "ApplicationState" AS ENUM ('RUNNING', 'COMPLETED', 'FAILED');

-- CreateEnum
CREATE TYPE "OpportunityStage" AS ENUM ('PROSPECTING', 'QUALIFICATION', 'PROPOSAL', 'NEGOTIATION', 'WON', 'LOST');

-- AlterTable
ALTER TABLE "activities" ADD COLUMN     "objective_id" UUID,
ADD COLUMN     "plan_id" UUID;

-- CreateTable
CREATE TABLE "plans" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "parent_id" UUID,
    "period_start" DATE NOT NULL,
    "period_end" DATE NOT NULL,
    "revenue_target" DECIMAL(14,2),
    "currency" TEXT,
    "goals" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "product" TEXT,
    "approver_ids" UUID[],
    "remind_after" TEXT,
    "author_id" UUID NOT NULL,
    "status" "PlanStatus" NOT NULL DEFAULT 'DRAFT',
    "submitted_at" TIMESTAMPTZ(3),
    "decided_at" TIMESTAMPTZ(3),
    "decided_by_id" UUID,
    "rejection_reason" TEXT,
    "expired_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "plans_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "plan_events" (
    "id" UUID NOT NULL,
    "plan_id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "details" JSONB NOT NULL DEFAULT '{}',
    "by_user_id" UUID,
    "dedupe_key" TEXT,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "plan_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "objectives" (
    "id" UUID NOT NULL,
    "plan_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "target" DECIMAL(14,2) NOT NULL,
    "unit" TEXT NOT NULL,
    "applies_to_all" BOOLEAN NOT NULL DEFAULT false,
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "objectives_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "plan_accounts" (
    "plan_id" UUID NOT NULL,
    "account_id" UUID NOT NULL,
    "application_id" UUID NOT NULL,
    "applied_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "plan_accounts_pkey" PRIMARY KEY ("plan_id","account_id")
);

-- CreateTable
CREATE TABLE "objective_accounts" (
    "objective_id" UUID NOT NULL,
    "account_id" UUID NOT NULL,
    "application_id" UUID NOT NULL,
    "applied_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "objective_accounts_pkey" PRIMARY KEY ("objective_id","account_id")
);

-- CreateTable
CREATE TABLE "plan_applications" (
    "id" UUID NOT NULL,
    "plan_id" UUID,
    "objective_id" UUID,
    "target" JSONB NOT NULL,
    "state" "ApplicationState" NOT NULL DEFAULT 'RUNNING',
    "matched" INTEGER NOT NULL DEFAULT 0,
    "added" INTEGER NOT NULL DEFAULT 0,
    "by_user_id" UUID NOT NULL,
    "error" TEXT,
    "started_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMPTZ(3),

    CONSTRAINT "plan_applications_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "opportunities" (
    "id" UUID NOT NULL,
    "account_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "amount" DECIMAL(14,2) NOT NULL,
    "currency" TEXT NOT NULL,
    "stage" "OpportunityStage" NOT NULL DEFAULT 'PROSPECTING',
    "expected_close_date" DATE,
    "plan_id" UUID,
    "objective_id" UUID,
    "campaign_source_id" UUID,
    "owner_id" UUID,
    "created_by_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "opportunities_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "plans_parent_id_idx" ON "plans"("parent_id");

-- CreateIndex
CREATE INDEX "plans_status_idx" ON "plans"("status");

-- CreateIndex
CREATE UNIQUE INDEX "plan_events_dedupe_key_key" ON "plan_events"("dedupe_key");

-- CreateIndex
CREATE INDEX "plan_events_plan_id_at_idx" ON "plan_events"("plan_id", "at");

-- CreateIndex
CREATE INDEX "objectives_plan_id_idx" ON "objectives"("plan_id");

-- CreateIndex
CREATE INDEX "objectives_applies_to_all_idx" ON "objectives"("applies_to_all");

-- CreateIndex
CREATE INDEX "plan_accounts_account_id_idx" ON "plan_accounts"("account_id");

-- CreateIndex
CREATE INDEX "objective_accounts_account_id_idx" ON "objective_accounts"("account_id");

-- CreateIndex
CREATE INDEX "plan_applications_plan_id_idx" ON "plan_applications"("plan_id");

-- CreateIndex
CREATE INDEX "plan_applications_objective_id_idx" ON "plan_applications"("objective_id");

-- CreateIndex
CREATE INDEX "opportunities_account_id_idx" ON "opportunities"("account_id");

-- CreateIndex
CREATE INDEX "opportunities_plan_id_idx" ON "opportunities"("plan_id");

-- CreateIndex
CREATE INDEX "opportunities_objective_id_idx" ON "opportunities"("objective_id");

-- CreateIndex
CREATE INDEX "activities_objective_id_idx" ON "activities"("objective_id");

-- CreateIndex
CREATE INDEX "activities_plan_id_idx" ON "activities"("plan_id");

-- AddForeignKey
ALTER TABLE "plans" ADD CONSTRAINT "plans_parent_id_fkey" FOREIGN KEY ("parent_id") REFERENCES "plans"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "plan_events" ADD CONSTRAINT "plan_events_plan_id_fkey" FOREIGN KEY ("plan_id") REFERENCES "plans"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "objectives" ADD CONSTRAINT "objectives_plan_id_fkey" FOREIGN KEY ("plan_id") REFERENCES "plans"("id") ON DELETE CASCADE ON UPDATE CASCADE;
