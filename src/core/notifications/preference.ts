import { type RawBuilder, sql } from 'kysely';
import { z } from 'zod';
import { audit, userActor } from '../audit.ts';
import type { CurrentUser } from '../auth/user.ts';
import type { Db } from '../db/database.ts';
import type { NotifyPreference } from '../db/schema.ts';
import type { Lang } from '../i18n/locales.ts';

/** How often a person wants to be e-mailed about what they follow. */
export async function notificationPreference(db: Db, userId: string): Promise<NotifyPreference> {
  const row = await db.selectFrom('users').select('notify').where('id', '=', userId).executeTakeFirstOrThrow();
  return row.notify;
}

/** Changes it, with its audit entry, in one transaction. */
export async function setNotificationPreference(db: Db, user: CurrentUser, notify: NotifyPreference): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('users').set({ notify }).where('id', '=', user.id).execute();
    await audit(trx, userActor(user), { entity: 'user', entityId: user.id, action: 'notify', after: { notify } });
  });
}

/** The preference as the notifications page's form sends it. */
export const NotifyInput = z.object({
  notify: z.enum(['immediately', 'daily', 'weekly', 'never'], { error: 'validation.choice' }),
});

/** A person due an e-mail of their notifications, as the mail job claims them. */
export interface MailRecipient {
  id: string;
  email: string;
  locale: Lang;
  latinScript: boolean;
  notify: NotifyPreference;
}

/**
 * Claims the people due an e-mail now, of those with unmailed notifications (`pending`: SQL of
 * (user_id, at) rows from every source) whose newest is at least `quietMs` old — so that changes a few
 * minutes apart go out together — or whose oldest has waited five times that: "at once" readers every time, daily and weekly readers when their
 * digest is due (moving `digest_sent_at`). One statement.
 */
export async function claimMailRecipients(
  db: Db,
  pending: RawBuilder<{ user_id: string; at: Date }>,
  quietMs: number,
): Promise<MailRecipient[]> {
  const rows = await sql<MailRecipient>`
    WITH quiet AS (
      SELECT p.user_id FROM (${pending}) p GROUP BY p.user_id
      HAVING max(p.at) <= now() - ${quietMs} * interval '1 millisecond'
          -- … but someone told of something every minute still hears within five quiet periods.
          OR min(p.at) <= now() - ${quietMs * 5} * interval '1 millisecond')
    UPDATE users SET digest_sent_at = CASE WHEN notify = 'immediately' THEN digest_sent_at ELSE now() END
     WHERE disabled_at IS NULL AND id IN (SELECT user_id FROM quiet)
       AND (notify = 'immediately'
         OR (notify = 'daily' AND (digest_sent_at IS NULL OR digest_sent_at < now() - interval '1 day'))
         OR (notify = 'weekly' AND (digest_sent_at IS NULL OR digest_sent_at < now() - interval '7 days')))
    RETURNING id::text AS id, email, locale, latin_script AS "latinScript", notify`.execute(db);
  return rows.rows;
}
