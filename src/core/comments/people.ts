import type { Expression, RawBuilder } from 'kysely';
import type { Db } from '../db/database.ts';
import type { NotifyPreference } from '../db/schema-accounts.ts';
import type { Translated } from '../i18n/translated.ts';

/**
 * What comments need of people and organisations, whose tables belong to domains: the app
 * (app.ts, which sees every domain) passes the accounts' and organisations' fragments, so that core
 * never imports a domain and a page of comments stays one query.
 */
export interface CommentPeople {
  /** The display name of a user, as a column of the caller's query. */
  userName(id: Expression<unknown>): RawBuilder<string | null>;
  /** The name of an organisation (in kk, ru, en), as a column of the caller's query. */
  organisationName(id: Expression<unknown>): RawBuilder<Translated | null>;
  /** Whom to write to: the enabled users among `ids`, with their address and language. */
  contacts(db: Db, ids: readonly string[]): Promise<CommentContact[]>;
}

export interface CommentContact {
  id: string;
  email: string;
  locale: 'kk' | 'ru' | 'en';
  latinScript: boolean;
  /** When they want e-mail of notifications: at once, in a daily or weekly digest, or never. */
  notify: NotifyPreference;
}
