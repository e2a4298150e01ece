import { sql } from 'kysely';
import type { CurrentUser } from '../auth/user.ts';
import type { Db } from '../db/database.ts';
import type { AccountDeletedHook, MailItem, NotificationKind, NotificationSource } from '../extensions.ts';
import type { I18n, MessageKey } from '../i18n/i18n.ts';
import { pick, type Translated } from '../i18n/translated.ts';

/*
 * Notices: the notifications of what asks someone to act, for domains without a timeline of their
 * own (meetings: minutes circulated, approval due, a correction proposed) and for reminders of
 * deadlines (issue 13). A domain writes them with `notify` in the transaction of the change, each of a
 * kind it declares with `noticeSource` (its NotificationSource over core's notices of those kinds);
 * core's notifications page lists them and core's mail (mail.ts) carries them with every other
 * source's, by each reader's choice for the kind, several changes to one thing in one e-mail.
 */

/** A parameter of a notice's text: plain, a text in several languages, or a day (YYYY-MM-DD). */
export type NoticeParam = string | number | Translated | { date: string };

/** What one notice says, about which record. */
export interface Notice {
  /** Its kind: a key of the domain's noticeSource kinds. */
  kind: string;
  /** The thing told of, `kind:id` ('meeting:5'). */
  record: string;
  /** Where it is, without the language prefix. */
  path: string;
  title?: Translated;
  message: MessageKey;
  params?: Record<string, NoticeParam>;
  /** A reminder's sent-marker: the notice is written at most once per person and key. */
  onceKey?: string;
}

/**
 * Notifies these people (ids) of a notice, in the caller's transaction; with `onceKey`, only those
 * not yet told. Returns the ids of the people notified now.
 */
export async function notify(trx: Db, userIds: readonly string[], notice: Notice): Promise<string[]> {
  const ids = [...new Set(userIds)];
  if (ids.length === 0) return [];
  const rows = await trx
    .insertInto('notices')
    .values(
      ids.map((id) => ({
        user_id: id,
        kind: notice.kind,
        record: notice.record,
        path: notice.path,
        title: JSON.stringify(notice.title ?? {}),
        message: notice.message,
        params: JSON.stringify(notice.params ?? {}),
        once_key: notice.onceKey ?? null,
      })),
    )
    .onConflict((oc) => oc.columns(['user_id', 'once_key']).doNothing())
    .returning('user_id')
    .execute();
  return rows.map((r) => r.user_id);
}

/** A notice's text in a language. */
export function noticeText(message: string, params: Record<string, unknown>, i18n: I18n): string {
  const shown: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(params)) {
    if (typeof value === 'string' || typeof value === 'number') shown[key] = value;
    else if (value && typeof value === 'object' && 'date' in value) shown[key] = i18n.date(String(value.date));
    else shown[key] = pick(value as Translated, i18n.lang)?.text ?? '';
  }
  return i18n.t(message as MessageKey, shown);
}

/**
 * A domain's notices as a NotificationSource: core's notices of the kinds the domain declares (and
 * writes with `notify`), for the notifications page and the mail.
 */
export function noticeSource(name: string, kinds: readonly NotificationKind[]): NotificationSource {
  const keys = kinds.map((k) => k.key);
  return {
    kind: name,
    kinds,
    async list(db: Db, user: CurrentUser, limit: number) {
      const rows = await db
        .selectFrom('notices')
        .select(['id', 'path', 'title', 'message', 'params', 'created_at', 'read_at'])
        .where('user_id', '=', user.id)
        .where('kind', 'in', keys)
        .orderBy('id', 'desc')
        .limit(limit)
        .execute();
      return rows.map((n) => ({
        key: `notice:${n.id}`,
        at: n.created_at,
        read: n.read_at !== null,
        text: (i18n: I18n) => noticeText(n.message, n.params, i18n),
        title: n.title,
        path: n.path,
      }));
    },
    async markAllRead(db, user) {
      await db
        .updateTable('notices')
        .set({ read_at: sql`now()` })
        .where('user_id', '=', user.id)
        .where('kind', 'in', keys)
        .where('read_at', 'is', null)
        .execute();
    },
    unmailed: () =>
      sql`SELECT user_id, created_at AS at, kind FROM notices WHERE emailed_at IS NULL AND kind = ANY (${keys}::text[])`,
    async takeUnmailed(trx, due): Promise<MailItem[]> {
      const rows = await sql<{
        user_id: string;
        kind: string;
        record: string;
        path: string;
        title: Translated;
        message: string;
        params: Record<string, unknown>;
        created_at: Date;
      }>`
        UPDATE notices n SET emailed_at = now()
          FROM unnest(${[...due.userIds]}::bigint[], ${[...due.kinds]}::text[]) AS d (user_id, kind)
         WHERE n.user_id = d.user_id AND n.kind = d.kind AND n.kind = ANY (${keys}::text[]) AND n.emailed_at IS NULL
        RETURNING n.user_id::text, n.kind, n.record, n.path, n.title, n.message, n.params, n.created_at`.execute(trx);
      return rows.rows.map((n) => ({
        userId: n.user_id,
        kind: n.kind,
        record: n.record,
        at: n.created_at,
        title: n.title,
        path: n.path,
        text: (i18n: I18n) => noticeText(n.message, n.params, i18n),
      }));
    },
  };
}

/** Deleting one's account (decision 0021) drops one's notices and e-mail choices, as it drops proposals' notifications. */
export const noticesOnAccountDeleted: AccountDeletedHook = {
  name: 'notices',
  run: async (trx, { userId }) => {
    await trx.deleteFrom('notices').where('user_id', '=', userId).execute();
    await trx.deleteFrom('notification_choices').where('user_id', '=', userId).execute();
    await trx.deleteFrom('notification_digests').where('user_id', '=', userId).execute();
  },
};
