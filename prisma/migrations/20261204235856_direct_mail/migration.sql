-- CreateEnum
CREATE TYPE "DirectMailOutput" AS ENUM ('FILES', 'MERGED', 'BOTH');

-- CreateEnum
CREATE TYPE "DirectMailRunStatus" AS ENUM ('RUNNING', 'COMPLETED', 'CANCELLED', 'FAILED');

-- CreateEnum
CREATE TYPE "DirectMailLetterState" AS ENUM ('PENDING', 'RENDERED', 'SKIPPED');

-- CreateTable
CREATE TABLE "direct_mail_runs" (
    "id" UUID NOT NULL,
    "template_item_id" UUID NOT NULL,
    "template_version" INTEGER NOT NULL,
    "template_sha256" CHAR(64) NOT NULL,
    "letterhead_item_id" UUID,
    "letterhead_version" INTEGER,
    "letterhead_sha256" CHAR(64),
    "segment_id" UUID,
    "campaign_id" UUID,
    "output" "DirectMailOutput" NOT NULL,
    "status" "DirectMailRunStatus" NOT NULL DEFAULT 'RUNNING',
    "sender_name" TEXT NOT NULL,
    "sender_email" TEXT NOT NULL,
    "letter_date" TEXT NOT NULL,
    "cost_per_letter" DECIMAL(12,4),
    "cost_currency" TEXT,
    "budget_entry_id" UUID,
    "listed" INTEGER NOT NULL DEFAULT 0,
    "rendered" INTEGER NOT NULL DEFAULT 0,
    "skipped" INTEGER NOT NULL DEFAULT 0,
    "merged_sha256" CHAR(64),
    "merged_size_bytes" INTEGER,
    "merged_pages" INTEGER,
    "error" TEXT,
    "started_by_id" UUID NOT NULL,
    "cancel_requested_at" TIMESTAMPTZ(3),
    "cancelled_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMPTZ(3),

    CONSTRAINT "direct_mail_runs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "direct_mail_letters" (
    "run_id" UUID NOT NULL,
    "contact_id" UUID NOT NULL,
    "account_id" UUID NOT NULL,
    "position" INTEGER NOT NULL,
    "state" "DirectMailLetterState" NOT NULL DEFAULT 'PENDING',
    "reason" TEXT,
    "contact_name" TEXT,
    "sha256" CHAR(64),
    "size_bytes" INTEGER,
    "pages" INTEGER,
    "rendered_at" TIMESTAMPTZ(3),

    CONSTRAINT "direct_mail_letters_pkey" PRIMARY KEY ("run_id","contact_id")
);

-- CreateTable
CREATE TABLE "direct_mail_parts" (
    "run_id" UUID NOT NULL,
    "number" INTEGER NOT NULL,
    "first_position" INTEGER NOT NULL,
    "sha256" CHAR(64) NOT NULL,
    "size_bytes" INTEGER NOT NULL,
    "pages" INTEGER NOT NULL,

    CONSTRAINT "direct_mail_parts_pkey" PRIMARY KEY ("run_id","number")
);

-- CreateIndex
CREATE INDEX "direct_mail_runs_created_at_idx" ON "direct_mail_runs"("created_at");

-- CreateIndex
CREATE INDEX "direct_mail_runs_template_item_id_idx" ON "direct_mail_runs"("template_item_id");

-- CreateIndex
CREATE UNIQUE INDEX "direct_mail_letters_run_id_position_key" ON "direct_mail_letters"("run_id", "position");

-- AddForeignKey
ALTER TABLE "direct_mail_letters" ADD CONSTRAINT "direct_mail_letters_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "direct_mail_runs"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "direct_mail_parts" ADD CONSTRAINT "direct_mail_parts_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "direct_mail_runs"("id") ON DELETE CASCADE ON UPDATE CASCADE;
