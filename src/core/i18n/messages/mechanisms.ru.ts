import type { Message } from '../i18n.ts';
import type { mechanismsEn } from './mechanisms.en.ts';

/** Russian strings of mechanisms, treaties and ratifications. */
export const mechanismsRu: Record<keyof typeof mechanismsEn, Message> = {
  'mechanisms.title': 'Механизмы и договоры',
};
