import { audit, userActor } from '../../core/audit.ts';
import type { CurrentUser } from '../../core/auth/user.ts';
import type { Db } from '../../core/db/database.ts';
import type { AccountDeletedHook } from '../../core/extensions.ts';
import { HttpError } from '../../core/http/http-error.ts';
import { inLockedProposal } from '../lifecycle.ts';
import { reachOf } from '../visibility.ts';
import { supporterOf } from './supporter.ts';

/**
 * Gives or withdraws support for a public proposal (decision 0021), once per citizen or
 * organisation; giving twice or withdrawing what was not given changes nothing. A proposal the
 * reader may not see is unknown (404, like a draft to a citizen); one that is not public yet or is
 * closed (withdrawn, merged), or that the supporter's organisation wrote or must answer, is refused (409).
 */
export async function setSupport(db: Db, user: CurrentUser, id: string, support: boolean): Promise<void> {
  const who = supporterOf(user);
  if (!who) throw new HttpError(403, 'support-proposals');
  await inLockedProposal(db, user, id, async (trx, p) => {
    if (reachOf(p) !== 'public' || p.status === 'withdrawn' || p.status === 'merged')
      throw new HttpError(409, 'not open for support', 'proposal.notAllowedNow');
    if ('organisationId' in who) {
      const addressed = await trx
        .selectFrom('proposal_addressees')
        .select('id')
        .where('proposal_id', '=', id)
        .where('organisation_id', '=', who.organisationId)
        .executeTakeFirst();
      if (addressed || p.authorIds.includes(who.organisationId))
        throw new HttpError(409, 'own proposal', 'proposal.cannotSupportOwn');
    }
    const mine = (q: ReturnType<typeof trx.deleteFrom<'proposal_supports'>>) =>
      'userId' in who ? q.where('user_id', '=', who.userId) : q.where('organisation_id', '=', who.organisationId);
    const changed = support
      ? await trx
          .insertInto('proposal_supports')
          .values({
            proposal_id: id,
            user_id: 'userId' in who ? who.userId : null,
            organisation_id: 'organisationId' in who ? who.organisationId : null,
            given_by: user.id,
          })
          .onConflict((oc) => oc.doNothing())
          .returning('id')
          .executeTakeFirst()
      : await mine(trx.deleteFrom('proposal_supports').where('proposal_id', '=', id))
          .returning('id')
          .executeTakeFirst();
    if (!changed) return;
    await audit(trx, userActor(user), {
      entity: 'proposal',
      entityId: id,
      action: support ? 'support' : 'withdraw_support',
      after: 'organisationId' in who ? { organisationId: who.organisationId } : {},
    });
  });
}

/**
 * A deleted account's part in proposals: its follows and notifications go (they were the person's
 * own). A citizen's support stays counted, like a signature, attributed to nobody.
 */
export const proposalsOnAccountDeleted: AccountDeletedHook = {
  name: 'proposals',
  async run(trx, { userId }) {
    await trx.deleteFrom('follows').where('user_id', '=', userId).execute();
    await trx.deleteFrom('notifications').where('user_id', '=', userId).execute();
  },
};
