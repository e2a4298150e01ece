import { z } from 'zod';
import { audit, userActor } from '../audit.ts';
import type { CurrentUser } from '../auth/user.ts';
import type { Db } from '../db/database.ts';
import type { NotifyPreference } from '../db/schema.ts';

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
