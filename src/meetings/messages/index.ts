import type { Catalogue } from '../../core/i18n/i18n.ts';
import { datasetsEn, datasetsKk, datasetsRu } from './datasets.ts';
import { meetingsEn } from './en.ts';
import { meetingsKk } from './kk.ts';
import { meetingsRu } from './ru.ts';

/*
 * The interface text of meetings, in kk, ru and en. Its keys join the message keys core knows
 * (MessageKey) through this augmentation; src/domains.ts registers the texts when the app is assembled.
 */
type Keys = typeof meetingsEn & typeof datasetsEn;
declare module '../../core/i18n/i18n.ts' {
  interface DomainMessages extends Keys {}
}

export const meetingsMessages: Catalogue = {
  kk: { ...meetingsKk, ...datasetsKk },
  ru: { ...meetingsRu, ...datasetsRu },
  en: { ...meetingsEn, ...datasetsEn },
};
