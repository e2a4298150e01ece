import type { Catalogue } from '../../core/i18n/i18n.ts';
import { datasetsEn, datasetsKk, datasetsRu } from './datasets.ts';
import { proposalsEn } from './en.ts';
import { proposalsKk } from './kk.ts';
import { proposalsRu } from './ru.ts';

/*
 * The interface text of proposals, in kk, ru and en. Its keys join the message keys core knows
 * (MessageKey) through this augmentation; src/domains.ts registers the texts when the app is assembled.
 */
type Keys = typeof proposalsEn & typeof datasetsEn;
declare module '../../core/i18n/i18n.ts' {
  interface DomainMessages extends Keys {}
}

export const proposalsMessages: Catalogue = {
  kk: { ...proposalsKk, ...datasetsKk },
  ru: { ...proposalsRu, ...datasetsRu },
  en: { ...proposalsEn, ...datasetsEn },
};
