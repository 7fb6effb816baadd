import type { SegmentView } from '../../../../segments/segments.schemas';
import { useApi } from '../../use-api';

export type SegmentChoice = Pick<SegmentView, 'id' | 'name'>;
export interface TemplateChoice {
  key: string;
  name: string;
  subject: string;
}

// 200 is the API's page limit: a marketing team keeps far fewer segments and templates live.
export const useSegmentChoices = () => useApi<{ items: SegmentChoice[]; nextCursor: string | null }>('/segments', { limit: 200 });
export const useTemplateChoices = () => useApi<{ items: TemplateChoice[]; nextCursor: string | null }>('/templates', { limit: 200 });

/** An APPROVED library item a stage may attach or a kit may hold. */
export interface CollateralChoice {
  id: string;
  name: string;
  kind: string;
  currentVersion: { sizeBytes: number; fileName: string } | null;
}
/** An ACTIVE kit a stage may attach. */
export interface KitChoice {
  id: string;
  name: string;
}
export const useCollateralChoices = () => useApi<{ items: CollateralChoice[]; nextCursor: string | null }>('/collateral', { status: 'APPROVED', limit: 200 });
export const useKitChoices = () => useApi<{ items: KitChoice[] }>('/collateral-kits', { status: 'ACTIVE' });
