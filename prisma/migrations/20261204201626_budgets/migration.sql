-- CreateEnum
CREATE TYPE "BudgetEntryState" AS ENUM ('COMMITTED', 'ACTUAL');

-- CreateTable
CREATE TABLE "budgets" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "parent_id" UUID,
    "owner_id" UUID NOT NULL,
    "currency" TEXT NOT NULL,
    "period_start" DATE NOT NULL,
    "period_end" DATE NOT NULL,
    "amount" DECIMAL(14,2) NOT NULL,
    "merged_into_id" UUID,
    "merged_at" TIMESTAMPTZ(3),
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "budgets_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "budget_allocations" (
    "id" UUID NOT NULL,
    "budget_id" UUID NOT NULL,
    "campaign_id" UUID,
    "event_id" UUID,
    "amount" DECIMAL(14,2) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "budget_allocations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "budget_entries" (
    "id" UUID NOT NULL,
    "budget_id" UUID NOT NULL,
    "campaign_id" UUID,
    "event_id" UUID,
    "supplier" TEXT NOT NULL,
    "date" DATE NOT NULL,
    "category" TEXT,
    "reference" TEXT,
    "description" TEXT,
    "amount" DECIMAL(14,2) NOT NULL,
    "state" "BudgetEntryState" NOT NULL,
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "budget_entries_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "budget_history" (
    "id" UUID NOT NULL,
    "seq" BIGSERIAL NOT NULL,
    "budget_id" UUID NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor_id" UUID,
    "action" TEXT NOT NULL,
    "amount_change" DECIMAL(14,2),
    "details" JSONB NOT NULL DEFAULT '{}',

    CONSTRAINT "budget_history_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "budgets_parent_id_idx" ON "budgets"("parent_id");

-- CreateIndex
CREATE UNIQUE INDEX "budget_allocations_campaign_id_key" ON "budget_allocations"("campaign_id");

-- CreateIndex
CREATE UNIQUE INDEX "budget_allocations_event_id_key" ON "budget_allocations"("event_id");

-- CreateIndex
CREATE INDEX "budget_allocations_budget_id_idx" ON "budget_allocations"("budget_id");

-- CreateIndex
CREATE INDEX "budget_entries_budget_id_date_idx" ON "budget_entries"("budget_id", "date");

-- CreateIndex
CREATE INDEX "budget_history_budget_id_seq_idx" ON "budget_history"("budget_id", "seq");
