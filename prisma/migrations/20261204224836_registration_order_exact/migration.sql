-- The waiting list's order is the order seats were decided in, one event's registrations at a time
-- under its row lock. At milliseconds two of them could share a time and be ordered by their random
-- ids, so a later one could sort ahead of the place the earlier one was told. Microseconds keep the
-- order the lock gave. Existing times keep their milliseconds.
ALTER TABLE "event_registrations" ALTER COLUMN "registered_at" SET DATA TYPE TIMESTAMPTZ(6);
