import type { Action } from '../auth/policy.ts';
import type { CurrentUser } from '../auth/user.ts';
import type { Feed } from '../extensions.ts';
import type { I18n } from '../i18n/i18n.ts';

/** What every page view receives besides its own data. Views never query. */
export interface PageContext {
  i18n: I18n;
  /** The request's path without the language prefix, with its query string ("/organisations?x=1"). */
  pathInLang: string;
  /** The page is served in the Latin-script Kazakh edition (/kk-latn/, decision 0018). */
  latin?: boolean;
  /** The signed-in user, or null for a visitor. */
  user: CurrentUser | null;
  /** The policy, bound to the user: views show only the buttons that will work. */
  can: (action: Action, thing?: unknown) => boolean;
  /** The CSRF token every form carries. */
  csrfToken: string;
  /** A message carried over from the previous request (after a redirect). */
  flash: string | undefined;
  /** The public feeds and calendars of every domain, advertised in the page's head. */
  feeds?: readonly Feed[];
  /** For a signed-in person: how many things wait for them ("My work" in the header). */
  workCount?: number;
}
