import fs from 'node:fs';
import path from 'node:path';
import { bundleWorkflowCode, Worker } from '@temporalio/worker';
import { DeterminismViolationError } from '@temporalio/workflow';
import * as workflows from '../../workflows';
import { historiesDir } from '../support/histories';
import { workflowBundle } from '../support/temporal-worker';

// Histories recorded from real runs against the dev server, one folder per released version of each
// workflow (test/workflows/histories/<workflow>/<n>-<what changed>/; docs/versioning.md). Replaying
// every one of them fails with a DeterminismViolationError when a change to the workflow code would
// break executions of that version still running in production. Record with RECORD_HISTORIES=1 npx
// jest <the test file that calls recordHistory>: it writes into the newest version folder only.
const readHistory = (file: string) => JSON.parse(fs.readFileSync(path.join(historiesDir, file), 'utf8'));
const histories = fs.readdirSync(historiesDir, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.json')).sort();

/** welcomeUserWorkflow → welcome-user, applyToAccountsWorkflow → apply-to-accounts. */
const folderOf = (name: string) => name.replace(/Workflow$/, '').replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);

test('when the repository is checked out then every workflow the worker runs has recorded histories, and every version a scenario', () => {
  expect(fs.readdirSync(historiesDir).sort()).toEqual(Object.keys(workflows).map(folderOf).sort());
  for (const workflow of fs.readdirSync(historiesDir)) {
    for (const version of fs.readdirSync(path.join(historiesDir, workflow))) {
      expect({ version: `${workflow}/${version}`, named: /^\d+-[a-z0-9-]+$/.test(version), scenarios: fs.readdirSync(path.join(historiesDir, workflow, version)).length > 0 }).toEqual({
        version: `${workflow}/${version}`,
        named: true,
        scenarios: true,
      });
    }
  }
  expect(histories.length).toBeGreaterThanOrEqual(16);
});

test.each(histories)('when the recorded history %s is replayed then the current workflow code reproduces it', async (file) => {
  await expect(Worker.runReplayHistory({ workflowBundle: await workflowBundle() }, readHistory(file), `replay-${file.replace(/[\\/]/g, '-')}`)).resolves.toBeUndefined();
});

test('when the workflow code changes its commands then replaying the recorded history fails', async () => {
  const changed = await bundleWorkflowCode({
    workflowsPath: path.join(__dirname, '..', 'fixtures', 'changed-workflows'),
    logger: { trace() {}, debug() {}, info() {}, warn() {}, error() {} } as never,
  });
  await expect(Worker.runReplayHistory({ workflowBundle: changed }, readHistory('welcome-user/1-initial/welcome.json'), 'replay-changed')).rejects.toBeInstanceOf(
    DeterminismViolationError,
  );
});
