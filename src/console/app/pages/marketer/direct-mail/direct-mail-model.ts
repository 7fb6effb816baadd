import type { DirectMailFilePage, DirectMailRunList, DirectMailRunView, DirectMailSkippedPage } from '../../../../../direct-mail/direct-mail.schemas';

export type { DirectMailFilePage, DirectMailRunList, DirectMailRunView, DirectMailSkippedPage };

export const directMailOutputs = [
  { value: 'MERGED', label: 'One merged PDF' },
  { value: 'FILES', label: 'One PDF per contact' },
  { value: 'BOTH', label: 'Both' },
] as const;

/** "12 of 40 rendered, 3 skipped". */
export const progressText = (run: DirectMailRunView) => `${run.counts.rendered} of ${run.counts.listed} rendered, ${run.counts.skipped} skipped${run.counts.pending ? `, ${run.counts.pending} to go` : ''}`;
