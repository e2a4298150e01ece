import { lockedRow, updateAudited } from '../../core/audited-writes.ts';
import { authorizeUser } from '../../core/auth/policy.ts';
import type { CurrentUser } from '../../core/auth/user.ts';
import type { Db } from '../../core/db/database.ts';
import { HttpError } from '../../core/http/http-error.ts';

/**
 * Links an agenda item to a reporting cycle (or unlinks it: `cycleId` null), in one transaction with
 * its audit entry. Whether the cycle exists is the obligations domain's to say (`cycleExists`, asked
 * inside the transaction after the item is found and locked).
 */
export async function setAgendaItemCycle(
  db: Db,
  user: CurrentUser,
  agendaItemId: string,
  cycleId: string | null,
  cycleExists: (trx: Db, cycleId: string) => Promise<boolean>,
): Promise<void> {
  authorizeUser(user, 'run-meetings');
  await db.transaction().execute(async (trx) => {
    const item = await lockedRow(trx, 'agenda_items', agendaItemId, ['id', 'cycle_id'], 'agenda item');
    if (cycleId && !(await cycleExists(trx, cycleId))) throw new HttpError(422, 'unknown cycle');
    await updateAudited(trx, user, {
      table: 'agenda_items',
      id: agendaItemId,
      set: { cycle_id: cycleId },
      entity: 'agenda_item',
      action: 'cycle',
      before: { cycleId: item.cycle_id },
      after: { cycleId },
    });
  });
}
