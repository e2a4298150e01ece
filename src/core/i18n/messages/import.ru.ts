import type { Message } from '../i18n.ts';
import type { importEn } from './import.en.ts';

/** Russian strings of import of recommendations. */
export const importRu: Record<keyof typeof importEn, Message> = {
  'import.title': 'Импорт рекомендаций',
};
