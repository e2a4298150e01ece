import type { Catalogue } from '../../core/i18n/i18n.ts';
import { datasetsEn, datasetsKk, datasetsRu } from './datasets.ts';
import { explorerEn } from './explorer.en.ts';
import { explorerKk } from './explorer.kk.ts';
import { explorerRu } from './explorer.ru.ts';
import { importEn } from './import.en.ts';
import { importKk } from './import.kk.ts';
import { importRu } from './import.ru.ts';
import { mechanismsEn } from './mechanisms.en.ts';
import { mechanismsKk } from './mechanisms.kk.ts';
import { mechanismsRu } from './mechanisms.ru.ts';
import { obligationsEn } from './obligations.en.ts';
import { obligationsKk } from './obligations.kk.ts';
import { obligationsRu } from './obligations.ru.ts';
import { reportEn } from './report.en.ts';
import { reportKk } from './report.kk.ts';
import { reportRu } from './report.ru.ts';

/*
 * The interface text of obligations, in kk, ru and en. Its keys join the message keys core knows
 * (MessageKey) through this augmentation; src/domains.ts registers the texts when the app is assembled.
 */
type Keys = typeof obligationsEn &
  typeof importEn &
  typeof explorerEn &
  typeof reportEn &
  typeof mechanismsEn &
  typeof datasetsEn;
declare module '../../core/i18n/i18n.ts' {
  interface DomainMessages extends Keys {}
}

export const obligationsMessages: Catalogue = {
  kk: { ...obligationsKk, ...importKk, ...explorerKk, ...reportKk, ...mechanismsKk, ...datasetsKk },
  ru: { ...obligationsRu, ...importRu, ...explorerRu, ...reportRu, ...mechanismsRu, ...datasetsRu },
  en: { ...obligationsEn, ...importEn, ...explorerEn, ...reportEn, ...mechanismsEn, ...datasetsEn },
};
