-- CreateEnum
CREATE TYPE "BudgetTransferStatus" AS ENUM ('PENDING', 'APPLIED', 'REJECTED', 'CANCELLED');

-- CreateTable
CREATE TABLE "budget_transfers" (
    "id" UUID NOT NULL,
    "from_budget_id" UUID NOT NULL,
    "to_budget_id" UUID NOT NULL,
    "amount" DECIMAL(14,2) NOT NULL,
    "currency" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "status" "BudgetTransferStatus" NOT NULL DEFAULT 'PENDING',
    "requested_by_id" UUID NOT NULL,
    "remind_after" TEXT,
    "from_approved_by_id" UUID,
    "from_approved_at" TIMESTAMPTZ(3),
    "to_approved_by_id" UUID,
    "to_approved_at" TIMESTAMPTZ(3),
    "decided_by_id" UUID,
    "decided_at" TIMESTAMPTZ(3),
    "decided_on_behalf" BOOLEAN NOT NULL DEFAULT false,
    "comment" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "budget_transfers_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "budget_transfers_status_created_at_idx" ON "budget_transfers"("status", "created_at");

-- CreateIndex
CREATE INDEX "budget_transfers_from_budget_id_idx" ON "budget_transfers"("from_budget_id");

-- CreateIndex
CREATE INDEX "budget_transfers_to_budget_id_idx" ON "budget_transfers"("to_budget_id");

-- What the API refuses with a 400 can never be written by another path either.
ALTER TABLE "budget_transfers" ADD CONSTRAINT "budget_transfers_amount_positive" CHECK ("amount" > 0);
ALTER TABLE "budget_transfers" ADD CONSTRAINT "budget_transfers_two_budgets" CHECK ("from_budget_id" <> "to_budget_id");
