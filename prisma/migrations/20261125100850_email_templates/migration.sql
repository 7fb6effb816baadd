-- CreateTable
CREATE TABLE "email_templates" (
    "id" UUID NOT NULL,
    "key" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "html" TEXT,
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "email_templates_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "outbound_emails" (
    "id" UUID NOT NULL,
    "dedupe_key" TEXT NOT NULL,
    "template_key" TEXT NOT NULL,
    "account_id" UUID,
    "recipient_email" TEXT,
    "recipient_kind" TEXT NOT NULL,
    "rule_id" UUID,
    "rule_key" TEXT,
    "rule_version" INTEGER,
    "why" JSONB NOT NULL,
    "sent_at" TIMESTAMPTZ(3),
    "skipped_reason" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "outbound_emails_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "email_templates_key_key" ON "email_templates"("key");

-- CreateIndex
CREATE UNIQUE INDEX "outbound_emails_dedupe_key_key" ON "outbound_emails"("dedupe_key");

-- CreateIndex
CREATE INDEX "outbound_emails_account_id_created_at_idx" ON "outbound_emails"("account_id", "created_at");
