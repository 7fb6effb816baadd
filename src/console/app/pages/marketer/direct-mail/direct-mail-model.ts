import type { DirectMailFilePage, DirectMailRunList, DirectMailRunView, DirectMailSkippedPage } from '../../../../../direct-mail/direct-mail.schemas';
import { msg, t } from '../../../i18n/i18n';

export type { DirectMailFilePage, DirectMailRunList, DirectMailRunView, DirectMailSkippedPage };

export const directMailOutputs = [
  { value: 'MERGED', label: msg('One merged PDF') },
  { value: 'FILES', label: msg('One PDF per contact') },
  { value: 'BOTH', label: msg('Both') },
] as const;

/** "12 of 40 rendered, 3 skipped". */
export const progressText = (run: DirectMailRunView) => t('{rendered} of {listed} rendered, {skipped} skipped', { rendered: run.counts.rendered, listed: run.counts.listed, skipped: run.counts.skipped }) + (run.counts.pending ? t(', {pending} to go', { pending: run.counts.pending }) : '');
