import fs from 'node:fs';
import path from 'node:path';
import type { WorkflowHandle } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';

export const historiesDir = path.join(__dirname, '..', 'histories');

/** With RECORD_HISTORIES=1, saves a real run's history for the replay tests to commit. */
export async function recordHistory(handle: WorkflowHandle, name: string): Promise<void> {
  if (!process.env.RECORD_HISTORIES) return;
  fs.writeFileSync(path.join(historiesDir, `${name}.json`), historyToJSON(await handle.fetchHistory()));
}
