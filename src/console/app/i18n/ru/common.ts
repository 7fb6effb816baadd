import type { Translation } from '../i18n';

export const common: Record<string, Translation> = {
  Save: 'Сохранить',
  Cancel: 'Отмена',
  Language: 'Язык',
};
