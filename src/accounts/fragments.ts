import { type Expression, type RawBuilder, sql } from 'kysely';
import type { Db } from '../core/db/database.ts';
import type { NotifyPreference, Role } from '../core/db/schema.ts';

/*
 * What other domains read and write of the accounts domain's users table, offered through index.ts
 * (issue 11, decision 0016: no domain reads another domain's tables). A fragment composes into the
 * caller's one query; a function runs its own queries, in the caller's transaction when given one.
 */

type Locale = 'kk' | 'ru' | 'en';

/** The display name of the user whose id is `id` (a column of the caller's query), null when none. */
export function userDisplayName(id: string | Expression<unknown>): RawBuilder<string | null> {
  return sql<
    string | null
  >`(SELECT u.display_name FROM users u WHERE u.id = ${typeof id === 'string' ? sql.ref(id) : id})`;
}

/** The ids of the users of an organisation, as a subquery for the caller's query. */
export function userIdsOfOrganisation(organisationId: string): RawBuilder<string> {
  return sql<string>`(SELECT u.id FROM users u WHERE u.organisation_id = ${organisationId})`;
}

export interface UserContact {
  id: string;
  email: string;
  locale: Locale;
  /** Kazakh in the Latin script: e-mails go through core/mail's latinScript (decision 0018). */
  latinScript: boolean;
  notify: NotifyPreference;
  organisationId: string | null;
}

/**
 * The enabled users to write to: those with one of `roles` (any role if not given) in one of
 * `organisationIds` (a list, or a subquery of the caller's; any organisation if not given), or whose id
 * is among `orIds` (a subquery), except `exceptId`. One query.
 */
export async function enabledUsers(
  db: Db,
  who: {
    roles?: readonly Role[];
    organisationIds?: readonly string[] | Expression<unknown>;
    orIds?: Expression<unknown>;
    exceptId?: string;
  },
): Promise<UserContact[]> {
  const role = who.roles ? sql`u.role::text = ANY (${[...who.roles]}::text[])` : sql`TRUE`;
  const ids = who.organisationIds;
  const organisation =
    ids === undefined
      ? sql`TRUE`
      : Array.isArray(ids)
        ? sql`u.organisation_id = ANY (${[...ids]}::bigint[])`
        : sql`u.organisation_id IN ${ids as Expression<unknown>}`;
  let matches = sql`(${role} AND ${organisation})`;
  if (who.orIds) matches = sql`(u.id IN ${who.orIds} OR ${matches})`;
  const except = who.exceptId ? sql`AND u.id <> ${who.exceptId}` : sql``;
  const rows = await sql<UserContact>`
    SELECT u.id::text AS id, u.email, u.locale, u.latin_script AS "latinScript", u.notify, u.organisation_id::text AS "organisationId"
      FROM users u
     WHERE u.disabled_at IS NULL AND ${matches} ${except}`.execute(db);
  return rows.rows;
}

/** The hash of a user's personal calendar address, if they made one. One query. */
export async function calendarTokenHashOf(db: Db, userId: string): Promise<string | null> {
  const row = await db.selectFrom('users').select('calendar_token_hash').where('id', '=', userId).executeTakeFirst();
  return row?.calendar_token_hash ?? null;
}

/** Sets a user's personal calendar address (its hash). One query. */
export async function setCalendarTokenHash(db: Db, userId: string, hash: string): Promise<void> {
  await db.updateTable('users').set({ calendar_token_hash: hash }).where('id', '=', userId).execute();
}

/** The enabled user whose calendar address has this hash, if any. One query. */
export function userByCalendarTokenHash(db: Db, hash: string) {
  return db
    .selectFrom('users')
    .select(['id', 'organisation_id', 'locale', 'latin_script', 'role'])
    .where('calendar_token_hash', '=', hash)
    .where('disabled_at', 'is', null)
    .executeTakeFirst();
}
