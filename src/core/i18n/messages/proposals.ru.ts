import type { Message } from '../i18n.ts';
import { proposalsEn } from './proposals.en.ts';

// TEMPORARY: English until the translation lands (being written now); must not be committed as is.
export const proposalsRu: Record<keyof typeof proposalsEn, Message> = { ...proposalsEn };
