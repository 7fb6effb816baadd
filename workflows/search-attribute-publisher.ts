import type { SearchAttributeUpdatePair } from '@temporalio/common';
import { patched, upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';

const differs = ({ key, value }: SearchAttributeUpdatePair) => JSON.stringify(workflowInfo().typedSearchAttributes.get(key) ?? null) !== JSON.stringify(value ?? null);

/** Upserts the pairs whose value differs from the run's own: a workflow that always had its attributes needs no patch. */
export function upsertChangedSearchAttributes(pairs: SearchAttributeUpdatePair[]): void {
  const changed = pairs.filter(differs);
  if (changed.length) upsertSearchAttributes(changed);
}

/**
 * Keeps a workflow's search attributes current without an upsert per step: only values that differ
 * from the run's own (set at its start, by the run it continued, or by an earlier upsert) reach the
 * history. Behind `patchId`, because an upsert is a command that histories recorded before it was
 * added do not have (docs/versioning.md).
 */
export function createSearchAttributePublisher(patchId: string) {
  return (pairs: SearchAttributeUpdatePair[]): void => {
    const changed = pairs.filter(differs);
    if (changed.length && patched(patchId)) upsertSearchAttributes(changed);
  };
}
