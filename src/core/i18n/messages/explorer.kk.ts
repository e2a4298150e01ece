import type { Message } from '../i18n.ts';
import type { explorerEn } from './explorer.en.ts';

/** Kazakh strings of the public explorer of recommendations. */
export const explorerKk: Record<keyof typeof explorerEn, Message> = {
  'nav.recommendations': 'Ұсынымдар',
};
