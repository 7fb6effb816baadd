-- CreateEnum
CREATE TYPE "SavedQueryVisibility" AS ENUM ('private', 'team');

-- CreateTable
CREATE TABLE "saved_queries" (
    "id" UUID NOT NULL,
    "owner_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "entity" TEXT NOT NULL,
    "definition" JSONB NOT NULL,
    "visibility" "SavedQueryVisibility" NOT NULL DEFAULT 'private',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "saved_queries_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "saved_queries_visibility_idx" ON "saved_queries"("visibility");

-- CreateIndex
CREATE UNIQUE INDEX "saved_queries_owner_id_name_key" ON "saved_queries"("owner_id", "name");

-- CreateIndex
CREATE INDEX "activities_logged_by_id_occurred_at_idx" ON "activities"("logged_by_id", "occurred_at");

-- CreateIndex
CREATE INDEX "activities_occurred_at_idx" ON "activities"("occurred_at");

-- CreateIndex
CREATE INDEX "opportunities_owner_id_expected_close_date_idx" ON "opportunities"("owner_id", "expected_close_date");

-- CreateIndex
CREATE INDEX "opportunities_expected_close_date_idx" ON "opportunities"("expected_close_date");

-- CreateIndex
CREATE INDEX "timers_kind_state_fire_at_idx" ON "timers"("kind", "state", "fire_at");

-- Data: the three fixed kinds of saved view become saved queries with the same meaning (issue 20)
INSERT INTO "saved_queries" ("id", "owner_id", "name", "entity", "definition", "visibility", "created_at", "updated_at")
SELECT v."id", v."user_id", v."name",
  CASE v."kind" WHEN 'deals-closing' THEN 'opportunities' WHEN 'overdue-tasks' THEN 'tasks' ELSE 'accounts' END,
  CASE v."kind"
    WHEN 'deals-closing' THEN jsonb_build_object(
      'match', 'all',
      'filters', jsonb_build_array(
        jsonb_build_object('field', 'owner', 'op', 'eq', 'value', 'me'),
        jsonb_build_object('field', 'stage', 'op', 'in', 'value', jsonb_build_array('PROSPECTING', 'QUALIFICATION', 'PROPOSAL', 'NEGOTIATION')),
        jsonb_build_object('field', 'expectedCloseDate', 'op', 'between', 'value', jsonb_build_array(
          jsonb_build_object('relative', jsonb_build_object('amount', 0, 'unit', 'day')),
          jsonb_build_object('relative', jsonb_build_object('amount', COALESCE((v."params" ->> 'days')::int, 30), 'unit', 'day'))))),
      'sort', jsonb_build_array(jsonb_build_object('field', 'expectedCloseDate', 'direction', 'asc')),
      'columns', jsonb_build_array('name', 'accountName', 'amount', 'stage', 'expectedCloseDate'))
    WHEN 'overdue-tasks' THEN jsonb_build_object(
      'match', 'all',
      'filters', jsonb_build_array(
        jsonb_build_object('field', 'owner', 'op', 'eq', 'value', 'me'),
        jsonb_build_object('field', 'state', 'op', 'eq', 'value', 'OPEN'),
        jsonb_build_object('field', 'dueAt', 'op', 'before', 'value', jsonb_build_object('relative', jsonb_build_object('amount', 0, 'unit', 'hour')))),
      'sort', jsonb_build_array(jsonb_build_object('field', 'dueAt', 'direction', 'asc')),
      'columns', jsonb_build_array('title', 'accountName', 'type', 'dueAt'))
    ELSE jsonb_build_object(
      'match', 'all',
      'filters', jsonb_build_array(
        jsonb_build_object('field', 'owner', 'op', 'eq', 'value', 'me'),
        jsonb_build_object('field', 'status', 'op', 'in', 'value', jsonb_build_array('REFUSED', 'LOST')),
        CASE WHEN v."params" ->> 'period' = 'next-30-days'
          THEN jsonb_build_object('field', 'recontactDue', 'op', 'between', 'value', jsonb_build_array(
            jsonb_build_object('relative', jsonb_build_object('amount', 0, 'unit', 'hour')),
            jsonb_build_object('relative', jsonb_build_object('amount', 720, 'unit', 'hour'))))
          ELSE jsonb_build_object('field', 'recontactDue', 'op', 'inPeriod', 'value', jsonb_build_object('period', 'month', 'offset', 0))
        END),
      'sort', jsonb_build_array(jsonb_build_object('field', 'recontactDue', 'direction', 'asc')),
      'columns', jsonb_build_array('name', 'status', 'recontactDue'))
  END,
  'private', v."created_at", v."updated_at"
FROM "saved_views" v
WHERE v."kind" IN ('deals-closing', 'overdue-tasks', 'recontact-due');

-- DropTable
DROP TABLE "saved_views";
