-- Rate-limit windows are counters for the next minutes: a crash may forget them (an unlogged table is
-- emptied by crash recovery), and in exchange a counted hit writes no WAL and waits for no flush.
ALTER TABLE "rate_limit_windows" SET UNLOGGED;

-- How many wait ahead of a registration in its event's waiting list, counted with a snapshot taken
-- when the function runs (it is VOLATILE): called in the statement that decides a seat, after
-- event_registration_seat has taken the event's row lock, it sees every registration committed before
-- that lock was granted, so the place it answers is the one the list shows.
CREATE FUNCTION event_waiting_ahead(event uuid, registration uuid, registered timestamptz) RETURNS bigint
LANGUAGE sql VOLATILE AS '
  SELECT count(*) FROM event_registrations
  WHERE event_id = event AND status = ''WAITING'' AND id <> registration AND (registered_at, id) < (registered, registration)
';

-- Responses and registrations match a person's company by name whatever its case and spaces: without
-- this index each one read the whole accounts table (117 ms a registration at 100,000 accounts).
-- Prisma's schema cannot declare an index on an expression: it lives here only.
CREATE INDEX "accounts_name_key_idx" ON "accounts" (lower(btrim("name")));
