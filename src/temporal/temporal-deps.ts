import type { Client } from '@temporalio/client';

/** What starts and updates workflows: a client and the task queue the workers poll. */
export interface TemporalDeps {
  client: Client;
  taskQueue: string;
}
