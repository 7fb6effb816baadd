import fs from 'node:fs';
import path from 'node:path';
import type { WorkflowHandle } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';

/** `<workflow>/<version>/<scenario>.json`; a version folder is `<n>-<what changed>` (docs/versioning.md). */
export const historiesDir = path.join(__dirname, '..', 'workflows', 'histories');

export type RecordedWorkflow = 'account' | 'campaign' | 'plan' | 'apply-to-accounts' | 'welcome-user' | 'sign-in-link' | 'owner-change' | 'event' | 'budget-approval' | 'direct-mail';

/** The workflow's newest version folder: the one new recordings go to. */
export function currentVersion(workflow: RecordedWorkflow): string {
  const versions = fs.readdirSync(path.join(historiesDir, workflow)).sort((a, b) => parseInt(a, 10) - parseInt(b, 10));
  return versions[versions.length - 1];
}

/**
 * With RECORD_HISTORIES=1, saves a real run's history into the workflow's newest version folder,
 * for the replay tests. A history already there is never overwritten: it is what executions of
 * that version look like (to record again while a version is unreleased, delete the file first).
 */
export async function recordHistory(handle: WorkflowHandle, workflow: RecordedWorkflow, scenario: string): Promise<void> {
  if (!process.env.RECORD_HISTORIES) return;
  const file = path.join(historiesDir, workflow, currentVersion(workflow), `${scenario}.json`);
  if (fs.existsSync(file)) return;
  fs.writeFileSync(file, historyToJSON(await handle.fetchHistory()));
}
