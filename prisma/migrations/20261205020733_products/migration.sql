-- CreateTable
CREATE TABLE "products" (
    "id" UUID NOT NULL,
    "code" TEXT NOT NULL,
    "code_key" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "family" TEXT NOT NULL,
    "description" TEXT,
    "retired_at" TIMESTAMPTZ(3),
    "created_by_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "products_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "product_prices" (
    "id" UUID NOT NULL,
    "product_id" UUID NOT NULL,
    "currency" TEXT NOT NULL,
    "unit_price" DECIMAL(14,2) NOT NULL,
    "valid_from" DATE,

    CONSTRAINT "product_prices_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "opportunity_line_items" (
    "id" UUID NOT NULL,
    "opportunity_id" UUID NOT NULL,
    "product_id" UUID NOT NULL,
    "quantity" DECIMAL(12,2) NOT NULL,
    "unit_price" DECIMAL(14,2) NOT NULL,
    "discount_percent" DECIMAL(5,2) NOT NULL DEFAULT 0,
    "position" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "opportunity_line_items_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "installed_products" (
    "id" UUID NOT NULL,
    "account_id" UUID NOT NULL,
    "product_id" UUID NOT NULL,
    "quantity" DECIMAL(12,2) NOT NULL,
    "since" DATE NOT NULL,
    "source_opportunity_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "installed_products_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "objective_products" (
    "objective_id" UUID NOT NULL,
    "product_id" UUID NOT NULL,

    CONSTRAINT "objective_products_pkey" PRIMARY KEY ("objective_id","product_id")
);

-- CreateTable
CREATE TABLE "plan_products" (
    "plan_id" UUID NOT NULL,
    "product_id" UUID NOT NULL,

    CONSTRAINT "plan_products_pkey" PRIMARY KEY ("plan_id","product_id")
);

-- CreateIndex
CREATE UNIQUE INDEX "products_code_key_key" ON "products"("code_key");

-- CreateIndex
CREATE INDEX "products_family_idx" ON "products"("family");

-- CreateIndex
CREATE INDEX "products_created_at_idx" ON "products"("created_at");

-- CreateIndex
CREATE INDEX "product_prices_product_id_currency_idx" ON "product_prices"("product_id", "currency");

-- CreateIndex
CREATE INDEX "opportunity_line_items_opportunity_id_position_idx" ON "opportunity_line_items"("opportunity_id", "position");

-- CreateIndex
CREATE INDEX "opportunity_line_items_product_id_idx" ON "opportunity_line_items"("product_id");

-- CreateIndex
CREATE INDEX "installed_products_account_id_since_idx" ON "installed_products"("account_id", "since");

-- CreateIndex
CREATE INDEX "installed_products_product_id_idx" ON "installed_products"("product_id");

-- CreateIndex
CREATE UNIQUE INDEX "installed_products_source_opportunity_id_product_id_key" ON "installed_products"("source_opportunity_id", "product_id");

-- CreateIndex
CREATE INDEX "objective_products_product_id_idx" ON "objective_products"("product_id");

-- CreateIndex
CREATE INDEX "plan_products_product_id_idx" ON "plan_products"("product_id");

-- AddForeignKey
ALTER TABLE "product_prices" ADD CONSTRAINT "product_prices_product_id_fkey" FOREIGN KEY ("product_id") REFERENCES "products"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "opportunity_line_items" ADD CONSTRAINT "opportunity_line_items_opportunity_id_fkey" FOREIGN KEY ("opportunity_id") REFERENCES "opportunities"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "opportunity_line_items" ADD CONSTRAINT "opportunity_line_items_product_id_fkey" FOREIGN KEY ("product_id") REFERENCES "products"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "installed_products" ADD CONSTRAINT "installed_products_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "accounts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "installed_products" ADD CONSTRAINT "installed_products_product_id_fkey" FOREIGN KEY ("product_id") REFERENCES "products"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "installed_products" ADD CONSTRAINT "installed_products_source_opportunity_id_fkey" FOREIGN KEY ("source_opportunity_id") REFERENCES "opportunities"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "objective_products" ADD CONSTRAINT "objective_products_objective_id_fkey" FOREIGN KEY ("objective_id") REFERENCES "objectives"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "objective_products" ADD CONSTRAINT "objective_products_product_id_fkey" FOREIGN KEY ("product_id") REFERENCES "products"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "plan_products" ADD CONSTRAINT "plan_products_plan_id_fkey" FOREIGN KEY ("plan_id") REFERENCES "plans"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "plan_products" ADD CONSTRAINT "plan_products_product_id_fkey" FOREIGN KEY ("product_id") REFERENCES "products"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
