import type { Db } from '../db/prisma';
import type { TemporalDeps } from '../temporal/temporal-deps';
import type { Caller } from './caller';

/** What a use case works with: the database, the workflow engine and who asks. */
export interface RequestContext {
  db: Db;
  temporal: TemporalDeps;
  caller: Caller;
}
