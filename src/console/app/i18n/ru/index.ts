import type { Translation } from '../i18n';
import { common } from './common';

/**
 * Russian texts keyed by their English text. Each area of the console keeps its own file here, so
 * work on one page never edits another's list; a key in two files is caught by the i18n test.
 */
export const russianParts: Record<string, Record<string, Translation>> = { common };

export const russian: Record<string, Translation> = Object.assign({}, ...Object.values(russianParts));
