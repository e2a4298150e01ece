import type { I18n } from '../i18n/i18n.ts';

/** What every page view receives besides its own data. Views never query. */
export interface PageContext {
  i18n: I18n;
  /** The request's path without the language prefix, with its query string ("/organisations?x=1"). */
  pathInLang: string;
}
