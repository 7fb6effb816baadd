-- CreateEnum
CREATE TYPE "EnrollmentStatus" AS ENUM ('RUNNING', 'COMPLETED', 'CANCELLED');

-- AlterTable
ALTER TABLE "campaign_recipients" ADD COLUMN     "enrollment_id" UUID;

-- AlterTable
ALTER TABLE "campaign_stages" ADD COLUMN     "cohort" JSONB,
ADD COLUMN     "start_when" JSONB;

-- AlterTable
ALTER TABLE "campaigns" ADD COLUMN     "enrollment_stopped_at" TIMESTAMPTZ(3),
ADD COLUMN     "evergreen" JSONB;

-- CreateTable
CREATE TABLE "campaign_stage_members" (
    "stage_id" UUID NOT NULL,
    "contact_id" UUID NOT NULL,
    "account_id" UUID NOT NULL,
    "enrollment_id" UUID,

    CONSTRAINT "campaign_stage_members_pkey" PRIMARY KEY ("stage_id","contact_id")
);

-- CreateTable
CREATE TABLE "campaign_enrollments" (
    "id" UUID NOT NULL,
    "campaign_id" UUID NOT NULL,
    "number" INTEGER NOT NULL,
    "scheduled_for" TIMESTAMPTZ(3) NOT NULL,
    "enrolled_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "counts" JSONB NOT NULL DEFAULT '{}',
    "status" "EnrollmentStatus" NOT NULL DEFAULT 'RUNNING',
    "completed_at" TIMESTAMPTZ(3),

    CONSTRAINT "campaign_enrollments_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "campaign_enrollment_runs" (
    "enrollment_id" UUID NOT NULL,
    "stage_id" UUID NOT NULL,
    "campaign_id" UUID NOT NULL,
    "status" "StageStatus" NOT NULL DEFAULT 'PENDING',
    "started_at" TIMESTAMPTZ(3),
    "completed_at" TIMESTAMPTZ(3),
    "end_reason" TEXT,
    "result" JSONB NOT NULL DEFAULT '{}',

    CONSTRAINT "campaign_enrollment_runs_pkey" PRIMARY KEY ("enrollment_id","stage_id")
);

-- CreateIndex
CREATE INDEX "campaign_enrollments_campaign_id_status_idx" ON "campaign_enrollments"("campaign_id", "status");

-- CreateIndex
CREATE UNIQUE INDEX "campaign_enrollments_campaign_id_scheduled_for_key" ON "campaign_enrollments"("campaign_id", "scheduled_for");

-- CreateIndex
CREATE UNIQUE INDEX "campaign_enrollments_campaign_id_number_key" ON "campaign_enrollments"("campaign_id", "number");

-- CreateIndex
CREATE INDEX "campaign_enrollment_runs_campaign_id_status_idx" ON "campaign_enrollment_runs"("campaign_id", "status");

-- AddForeignKey
ALTER TABLE "campaign_enrollments" ADD CONSTRAINT "campaign_enrollments_campaign_id_fkey" FOREIGN KEY ("campaign_id") REFERENCES "campaigns"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "campaign_enrollment_runs" ADD CONSTRAINT "campaign_enrollment_runs_enrollment_id_fkey" FOREIGN KEY ("enrollment_id") REFERENCES "campaign_enrollments"("id") ON DELETE CASCADE ON UPDATE CASCADE;
