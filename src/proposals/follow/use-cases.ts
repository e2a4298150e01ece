import { audit, userActor } from '../../core/audit.ts';
import { authorizeUser, can } from '../../core/auth/policy.ts';
import type { CurrentUser } from '../../core/auth/user.ts';
import type { Db } from '../../core/db/database.ts';
import { HttpError } from '../../core/http/http-error.ts';
import { organisationById } from '../../organisations/index.ts';
import { recordEvent } from '../events.ts';
import { inLockedProposal } from '../lifecycle.ts';

/** Use cases of following and endorsing a proposal. */

/** A representative endorses on behalf of their organisation (authors need not). */
export async function endorseProposal(db: Db, user: CurrentUser, id: string, publicUrl: string): Promise<void> {
  const organisationId = user.organisationId;
  if (!organisationId || !can(user, 'act-for-organisation', { organisationId })) throw new HttpError(403, 'endorse');
  await inLockedProposal(db, user, id, async (trx, p) => {
    if (p.status === 'draft' || p.status === 'withdrawn' || p.status === 'merged')
      throw new HttpError(409, 'not open', 'proposal.notAllowedNow');
    // A state body cannot endorse what is addressed to it: it answers it.
    const addressed = await trx
      .selectFrom('proposal_addressees')
      .select('id')
      .where('proposal_id', '=', id)
      .where('organisation_id', '=', organisationId)
      .executeTakeFirst();
    if (addressed) throw new HttpError(409, 'addressee endorses', 'proposal.addresseeCannotEndorse');
    if (p.authorIds.includes(organisationId)) return;
    const row = await trx
      .insertInto('proposal_endorsements')
      .values({ proposal_id: id, organisation_id: organisationId, endorsed_by: user.id })
      .onConflict((oc) => oc.doNothing())
      .returning('organisation_id')
      .executeTakeFirst();
    if (!row) return;
    const org = await organisationById(trx, organisationId);
    if (!org) throw new Error(`organisation ${organisationId}`);
    await recordEvent(trx, user, { proposalId: id, kind: 'endorsed', detail: { organisation: org.name } }, publicUrl);
    await audit(trx, userActor(user), {
      entity: 'proposal',
      entityId: id,
      action: 'endorse',
      after: { organisationId },
    });
  });
}

export async function setFollow(db: Db, user: CurrentUser, id: string, follow: boolean): Promise<void> {
  authorizeUser(user, 'follow');
  await inLockedProposal(db, user, id, async (trx) => {
    if (follow)
      await trx
        .insertInto('follows')
        .values({ user_id: user.id, proposal_id: id })
        .onConflict((oc) => oc.doNothing())
        .execute();
    else await trx.deleteFrom('follows').where('user_id', '=', user.id).where('proposal_id', '=', id).execute();
    await audit(trx, userActor(user), { entity: 'proposal', entityId: id, action: follow ? 'follow' : 'unfollow' });
  });
}
