-- CreateEnum
CREATE TYPE "CollateralKind" AS ENUM ('BROCHURE', 'FLYER', 'PRESENTATION', 'DATASHEET', 'IMAGE', 'CALL_SCRIPT', 'LETTER_TEMPLATE', 'OTHER');

-- CreateEnum
CREATE TYPE "CollateralStatus" AS ENUM ('DRAFT', 'APPROVED', 'RETIRED');

-- CreateEnum
CREATE TYPE "DirectiveStatus" AS ENUM ('ACTIVE', 'ARCHIVED');

-- CreateTable
CREATE TABLE "collateral_items" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "kind" "CollateralKind" NOT NULL,
    "product" TEXT,
    "language" TEXT NOT NULL,
    "status" "CollateralStatus" NOT NULL DEFAULT 'DRAFT',
    "created_by_id" UUID NOT NULL,
    "approved_by_id" UUID,
    "approved_at" TIMESTAMPTZ(3),
    "retired_by_id" UUID,
    "retired_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "collateral_items_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "collateral_versions" (
    "id" UUID NOT NULL,
    "item_id" UUID NOT NULL,
    "number" INTEGER NOT NULL,
    "file_name" TEXT NOT NULL,
    "media_type" TEXT NOT NULL,
    "size_bytes" INTEGER NOT NULL,
    "sha256" CHAR(64) NOT NULL,
    "uploaded_by_id" UUID NOT NULL,
    "uploaded_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "collateral_versions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "messaging_directives" (
    "id" UUID NOT NULL,
    "title" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "team_lead_id" UUID,
    "product" TEXT,
    "valid_from" DATE,
    "valid_until" DATE,
    "status" "DirectiveStatus" NOT NULL DEFAULT 'ACTIVE',
    "created_by_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "messaging_directives_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "collateral_items_status_created_at_idx" ON "collateral_items"("status", "created_at");

-- CreateIndex
CREATE INDEX "collateral_versions_sha256_idx" ON "collateral_versions"("sha256");

-- CreateIndex
CREATE UNIQUE INDEX "collateral_versions_item_id_number_key" ON "collateral_versions"("item_id", "number");

-- CreateIndex
CREATE INDEX "messaging_directives_status_idx" ON "messaging_directives"("status");

-- AddForeignKey
ALTER TABLE "collateral_versions" ADD CONSTRAINT "collateral_versions_item_id_fkey" FOREIGN KEY ("item_id") REFERENCES "collateral_items"("id") ON DELETE CASCADE ON UPDATE CASCADE;
