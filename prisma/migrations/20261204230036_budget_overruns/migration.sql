-- CreateEnum
CREATE TYPE "BudgetOverrunStatus" AS ENUM ('PENDING', 'APPROVED', 'REJECTED', 'CANCELLED');

-- CreateTable
CREATE TABLE "budget_overruns" (
    "id" UUID NOT NULL,
    "budget_id" UUID NOT NULL,
    "campaign_id" UUID,
    "event_id" UUID,
    "planned" DECIMAL(14,2) NOT NULL,
    "allocated" DECIMAL(14,2) NOT NULL,
    "currency" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "status" "BudgetOverrunStatus" NOT NULL DEFAULT 'PENDING',
    "requested_by_id" UUID NOT NULL,
    "remind_after" TEXT,
    "decided_by_id" UUID,
    "decided_at" TIMESTAMPTZ(3),
    "decided_on_behalf" BOOLEAN NOT NULL DEFAULT false,
    "comment" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "budget_overruns_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "budget_overruns_status_created_at_idx" ON "budget_overruns"("status", "created_at");

-- CreateIndex
CREATE INDEX "budget_overruns_campaign_id_idx" ON "budget_overruns"("campaign_id");

-- CreateIndex
CREATE INDEX "budget_overruns_event_id_idx" ON "budget_overruns"("event_id");

-- One piece of work each, and at most one request waiting per piece of work.
ALTER TABLE "budget_overruns" ADD CONSTRAINT "budget_overruns_one_work" CHECK (("campaign_id" IS NULL) <> ("event_id" IS NULL));
CREATE UNIQUE INDEX "budget_overruns_one_pending_campaign" ON "budget_overruns"("campaign_id") WHERE "status" = 'PENDING';
CREATE UNIQUE INDEX "budget_overruns_one_pending_event" ON "budget_overruns"("event_id") WHERE "status" = 'PENDING';
