import type { Catalogue } from '../../core/i18n/i18n.ts';
import { accountsEn } from './en.ts';
import { accountsKk } from './kk.ts';
import { accountsRu } from './ru.ts';

/*
 * The interface text of citizens' accounts (sign-up, confirmation, the legal texts, deletion), in kk,
 * ru and en; the older account texts (sign-in, passwords, invitations) are still core's. Registered
 * by src/domains.ts.
 */
type Keys = typeof accountsEn;
declare module '../../core/i18n/i18n.ts' {
  interface DomainMessages extends Keys {}
}

export const accountsMessages: Catalogue = {
  kk: { ...accountsKk },
  ru: { ...accountsRu },
  en: { ...accountsEn },
};
