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
