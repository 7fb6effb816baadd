-- CreateEnum
CREATE TYPE "ResponseType" AS ENUM ('CALL', 'REPLY', 'REGISTRATION', 'WEB_FORM');

-- CreateTable
CREATE TABLE "responses" (
    "id" UUID NOT NULL,
    "campaign_id" UUID NOT NULL,
    "source_id" UUID NOT NULL,
    "account_id" UUID NOT NULL,
    "contact_id" UUID,
    "type" "ResponseType" NOT NULL,
    "activity_id" UUID,
    "created_account" BOOLEAN NOT NULL DEFAULT false,
    "occurred_at" TIMESTAMPTZ(3) NOT NULL,
    "created_by_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "responses_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "saved_views" (
    "id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "params" JSONB NOT NULL DEFAULT '{}',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "saved_views_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "responses_campaign_id_source_id_idx" ON "responses"("campaign_id", "source_id");

-- CreateIndex
CREATE INDEX "responses_account_id_idx" ON "responses"("account_id");

-- CreateIndex
CREATE UNIQUE INDEX "saved_views_user_id_name_key" ON "saved_views"("user_id", "name");

-- CreateIndex
CREATE INDEX "opportunities_campaign_source_id_idx" ON "opportunities"("campaign_source_id");

-- CreateIndex
CREATE INDEX "status_changes_to_status_changed_at_idx" ON "status_changes"("to_status", "changed_at");
