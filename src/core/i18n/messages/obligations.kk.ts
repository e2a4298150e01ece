import type { Message } from '../i18n.ts';
import type { obligationsEn } from './obligations.en.ts';

/** Kazakh strings of reporting cycles, recommendations and their implementation. */
export const obligationsKk: Record<keyof typeof obligationsEn, Message> = {
  'nav.obligations': 'Міндеттемелер',
};
