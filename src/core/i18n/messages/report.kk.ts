import type { Message } from '../i18n.ts';
import type { reportEn } from './report.en.ts';

/** Kazakh strings of the draft of the next national report. */
export const reportKk: Record<keyof typeof reportEn, Message> = {
  'report.title': 'Ұлттық баяндаманың жобасы',
};
