-- CreateEnum
CREATE TYPE "CollateralKitStatus" AS ENUM ('ACTIVE', 'ARCHIVED');

-- CreateEnum
CREATE TYPE "CollateralKitChannel" AS ENUM ('EMAIL', 'MAIL', 'PHONE', 'EVENT', 'FIELD');

-- CreateTable
CREATE TABLE "collateral_kits" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "segment_id" UUID,
    "channel" "CollateralKitChannel",
    "status" "CollateralKitStatus" NOT NULL DEFAULT 'ACTIVE',
    "created_by_id" UUID NOT NULL,
    "archived_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "collateral_kits_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "collateral_kit_items" (
    "kit_id" UUID NOT NULL,
    "position" INTEGER NOT NULL,
    "item_id" UUID NOT NULL,

    CONSTRAINT "collateral_kit_items_pkey" PRIMARY KEY ("kit_id","position")
);

-- CreateIndex
CREATE INDEX "collateral_kits_status_created_at_idx" ON "collateral_kits"("status", "created_at");

-- CreateIndex
CREATE INDEX "collateral_kit_items_item_id_idx" ON "collateral_kit_items"("item_id");

-- CreateIndex
CREATE UNIQUE INDEX "collateral_kit_items_kit_id_item_id_key" ON "collateral_kit_items"("kit_id", "item_id");

-- AddForeignKey
ALTER TABLE "collateral_kit_items" ADD CONSTRAINT "collateral_kit_items_kit_id_fkey" FOREIGN KEY ("kit_id") REFERENCES "collateral_kits"("id") ON DELETE CASCADE ON UPDATE CASCADE;
