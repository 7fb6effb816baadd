-- CreateIndex
CREATE INDEX "opportunities_amount_idx" ON "opportunities"("amount");
