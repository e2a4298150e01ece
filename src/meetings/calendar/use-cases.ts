import { setCalendarTokenHash } from '../../accounts/index.ts';
import { audit, userActor } from '../../core/audit.ts';
import { newToken, tokenHash } from '../../core/auth/sessions.ts';
import type { CurrentUser } from '../../core/auth/user.ts';
import type { Db } from '../../core/db/database.ts';

/**
 * Makes a new personal calendar address (the old one stops working) and returns its token, shown
 * once. Writes the token's hash on the user's row (kept by the accounts domain) and the audit entry in one transaction.
 */
export async function newCalendarAddress(db: Db, user: CurrentUser): Promise<string> {
  const token = newToken();
  await db.transaction().execute(async (trx) => {
    await setCalendarTokenHash(trx, user.id, tokenHash(token));
    await audit(trx, userActor(user), { entity: 'user', entityId: user.id, action: 'calendar_address' });
  });
  return token;
}
