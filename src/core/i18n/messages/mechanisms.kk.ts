import type { Message } from '../i18n.ts';
import type { mechanismsEn } from './mechanisms.en.ts';

/** Kazakh strings of mechanisms, treaties and ratifications. */
export const mechanismsKk: Record<keyof typeof mechanismsEn, Message> = {
  'mechanisms.title': 'Тетіктер мен шарттар',
};
