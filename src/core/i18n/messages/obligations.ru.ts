import type { Message } from '../i18n.ts';
import type { obligationsEn } from './obligations.en.ts';

/** Russian strings of reporting cycles, recommendations and their implementation. */
export const obligationsRu: Record<keyof typeof obligationsEn, Message> = {
  'nav.obligations': 'Обязательства',
};
