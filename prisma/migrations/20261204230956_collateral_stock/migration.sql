-- CreateEnum
CREATE TYPE "StockMovementKind" AS ENUM ('RECEIPT', 'COUNT', 'SHIPMENT', 'RETURN');

-- CreateEnum
CREATE TYPE "CollateralReservationStatus" AS ENUM ('WAITING', 'RESERVED', 'SHIPPED', 'RELEASED');

-- CreateTable
CREATE TABLE "stock_locations" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "address" TEXT,
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "stock_locations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "collateral_stock" (
    "id" UUID NOT NULL,
    "item_id" UUID NOT NULL,
    "location_id" UUID NOT NULL,
    "on_hand" INTEGER NOT NULL DEFAULT 0,
    "value" DECIMAL(14,2) NOT NULL DEFAULT 0,
    "currency" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "collateral_stock_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "collateral_stock_movements" (
    "id" UUID NOT NULL,
    "seq" BIGSERIAL NOT NULL,
    "stock_id" UUID NOT NULL,
    "kind" "StockMovementKind" NOT NULL,
    "quantity" INTEGER NOT NULL,
    "on_hand_after" INTEGER NOT NULL,
    "value_change" DECIMAL(14,2) NOT NULL,
    "currency" TEXT,
    "unit_cost" DECIMAL(14,4),
    "counted_quantity" INTEGER,
    "reservation_id" UUID,
    "day" DATE NOT NULL,
    "reference" TEXT,
    "note" TEXT,
    "actor_id" UUID,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "collateral_stock_movements_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "collateral_reservations" (
    "id" UUID NOT NULL,
    "seq" BIGSERIAL NOT NULL,
    "stock_id" UUID NOT NULL,
    "campaign_id" UUID,
    "event_id" UUID,
    "quantity" INTEGER NOT NULL,
    "needed_by" DATE,
    "note" TEXT,
    "status" "CollateralReservationStatus" NOT NULL,
    "reserved_at" TIMESTAMPTZ(3),
    "shipped_on" DATE,
    "destination" TEXT,
    "shipped_cost" DECIMAL(14,2),
    "cost_currency" TEXT,
    "returned_quantity" INTEGER NOT NULL DEFAULT 0,
    "returned_cost" DECIMAL(14,2) NOT NULL DEFAULT 0,
    "budget_entry_id" UUID,
    "released_at" TIMESTAMPTZ(3),
    "release_reason" TEXT,
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "collateral_reservations_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "stock_locations_name_key" ON "stock_locations"("name");

-- CreateIndex
CREATE INDEX "collateral_stock_location_id_idx" ON "collateral_stock"("location_id");

-- CreateIndex
CREATE UNIQUE INDEX "collateral_stock_item_id_location_id_key" ON "collateral_stock"("item_id", "location_id");

-- CreateIndex
CREATE INDEX "collateral_stock_movements_stock_id_seq_idx" ON "collateral_stock_movements"("stock_id", "seq");

-- CreateIndex
CREATE INDEX "collateral_stock_movements_reservation_id_idx" ON "collateral_stock_movements"("reservation_id");

-- CreateIndex
CREATE INDEX "collateral_reservations_stock_id_status_seq_idx" ON "collateral_reservations"("stock_id", "status", "seq");

-- CreateIndex
CREATE INDEX "collateral_reservations_campaign_id_idx" ON "collateral_reservations"("campaign_id");

-- CreateIndex
CREATE INDEX "collateral_reservations_event_id_idx" ON "collateral_reservations"("event_id");

-- AddForeignKey
ALTER TABLE "collateral_stock" ADD CONSTRAINT "collateral_stock_location_id_fkey" FOREIGN KEY ("location_id") REFERENCES "stock_locations"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "collateral_stock_movements" ADD CONSTRAINT "collateral_stock_movements_stock_id_fkey" FOREIGN KEY ("stock_id") REFERENCES "collateral_stock"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "collateral_reservations" ADD CONSTRAINT "collateral_reservations_stock_id_fkey" FOREIGN KEY ("stock_id") REFERENCES "collateral_stock"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- The stock's own rules, held by the database too: nothing goes below zero, a reservation is for one campaign or one event
ALTER TABLE "collateral_stock" ADD CONSTRAINT "collateral_stock_on_hand_not_negative" CHECK ("on_hand" >= 0);
ALTER TABLE "collateral_stock" ADD CONSTRAINT "collateral_stock_value_not_negative" CHECK ("value" >= 0);
ALTER TABLE "collateral_reservations" ADD CONSTRAINT "collateral_reservations_quantity_positive" CHECK ("quantity" > 0);
ALTER TABLE "collateral_reservations" ADD CONSTRAINT "collateral_reservations_one_work" CHECK (("campaign_id" IS NULL) <> ("event_id" IS NULL));
ALTER TABLE "collateral_reservations" ADD CONSTRAINT "collateral_reservations_returned_within_shipped" CHECK ("returned_quantity" >= 0 AND "returned_quantity" <= "quantity");
