import type { Message } from '../i18n.ts';
import type { explorerEn } from './explorer.en.ts';

/** Russian strings of the public explorer of recommendations. */
export const explorerRu: Record<keyof typeof explorerEn, Message> = {
  'nav.recommendations': 'Рекомендации',
};
