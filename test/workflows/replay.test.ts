import fs from 'node:fs';
import path from 'node:path';
import { bundleWorkflowCode, Worker } from '@temporalio/worker';
import { DeterminismViolationError } from '@temporalio/workflow';
import { historiesDir } from '../support/histories';
import { workflowBundle } from '../support/temporal-worker';

// Histories recorded from real runs against the dev server (RECORD_HISTORIES=1 npx jest <the test
// file that calls recordHistory>). Replaying them fails with a DeterminismViolationError when a
// change to the workflow code would break executions already running in production. A history
// recorded by earlier code is never overwritten: a change recorded anew gets a new name (the
// `-mail-outbox` ones were recorded once workflows sent mail through the outbox, behind patched()).
const readHistory = (file: string) => JSON.parse(fs.readFileSync(path.join(historiesDir, file), 'utf8'));
const histories = fs.readdirSync(historiesDir).filter((file) => file.endsWith('.json'));

test('when the repository is checked out then recorded histories of every workflow are there', () => {
  expect(histories).toEqual(expect.arrayContaining(['welcome-user.json', 'account-new-to-client.json', 'account-refusal-timer-fired.json', 'account-archived.json', 'campaign-list-approval-mailing.json', 'campaign-rejected.json', 'campaign-cancelled.json', 'plan-apply-chunked.json', 'plan-rejected-resubmitted.json', 'plan-approved-expired.json', 'plan-rejected-resubmitted-mail-outbox.json', 'plan-approved-expired-mail-outbox.json', 'campaign-list-approval-mailing-mail-outbox.json', 'account-mail-outbox-smtp-down.json']));
});

test.each(histories)('when the recorded history %s is replayed then the current workflow code reproduces it', async (file) => {
  await expect(Worker.runReplayHistory({ workflowBundle: await workflowBundle() }, readHistory(file), `replay-${file}`)).resolves.toBeUndefined();
});

test('when the workflow code changes its commands then replaying the recorded history fails', async () => {
  const changed = await bundleWorkflowCode({
    workflowsPath: path.join(__dirname, '..', 'fixtures', 'changed-workflows'),
    logger: { trace() {}, debug() {}, info() {}, warn() {}, error() {} } as never,
  });
  await expect(Worker.runReplayHistory({ workflowBundle: changed }, readHistory('welcome-user.json'), 'replay-changed')).rejects.toBeInstanceOf(
    DeterminismViolationError,
  );
});
