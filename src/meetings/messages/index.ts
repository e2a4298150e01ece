import type { Catalogue } from '../../core/i18n/i18n.ts';
import { datasetsEn, datasetsKk, datasetsRu } from './datasets.ts';
import { meetingsEn } from './en.ts';
import { meetingsKk } from './kk.ts';
import { pagesEn } from './pages.en.ts';
import { pagesKk } from './pages.kk.ts';
import { pagesRu } from './pages.ru.ts';
import { meetingsRu } from './ru.ts';

/*
 * The interface text of meetings, in kk, ru and en. Its keys join the message keys core knows
 * (MessageKey) through this augmentation; src/domains.ts registers the texts when the app is assembled.
 */
type Keys = typeof meetingsEn & typeof datasetsEn & typeof pagesEn;
declare module '../../core/i18n/i18n.ts' {
  interface DomainMessages extends Keys {}
}

export const meetingsMessages: Catalogue = {
  kk: { ...meetingsKk, ...datasetsKk, ...pagesKk },
  ru: { ...meetingsRu, ...datasetsRu, ...pagesRu },
  en: { ...meetingsEn, ...datasetsEn, ...pagesEn },
};
