import type { Message } from '../i18n.ts';
import type { importEn } from './import.en.ts';

/** Kazakh strings of import of recommendations. */
export const importKk: Record<keyof typeof importEn, Message> = {
  'import.title': 'Ұсынымдарды импорттау',
};
