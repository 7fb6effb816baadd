import type { Translation } from '../translation';

export const common: Record<string, Translation> = {
  Save: 'Сохранить',
  Cancel: 'Отмена',
  Language: 'Язык',
};
