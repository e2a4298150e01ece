import type { Message } from '../i18n.ts';
import type { reportEn } from './report.en.ts';

/** Russian strings of the draft of the next national report. */
export const reportRu: Record<keyof typeof reportEn, Message> = {
  'report.title': 'Проект национального доклада',
};
