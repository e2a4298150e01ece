import { audit, userActor } from '../../core/audit.ts';
import { authorizeUser } from '../../core/auth/policy.ts';
import type { CurrentUser } from '../../core/auth/user.ts';
import type { Db } from '../../core/db/database.ts';
import type { Outcome } from '../../core/http/forms.ts';
import type { I18n } from '../../core/i18n/i18n.ts';
import { organisationColumn, organisationsByIds } from '../../organisations/index.ts';
import { recordEvent } from '../events.ts';
import { inLockedProposal, setProposalStatus } from '../lifecycle.ts';
import { mayChangeAddressees } from '../visibility.ts';

/**
 * The secretariat sets the state bodies a proposal is addressed to (issue 13), from its submission
 * until every body has answered: bodies added (to an assigned proposal, with its deadline, and asked
 * to answer as at the assignment), bodies removed (never one that answered; one must remain). One
 * transaction: the rows, the timeline entry with its notifications, the audit entry. When the bodies
 * removed were the last that had not answered, the proposal is answered.
 */
export async function changeAddressees(
  db: Db,
  user: CurrentUser,
  id: string,
  organisationIds: readonly string[],
  i18n: I18n,
  publicUrl: string,
): Promise<Outcome> {
  const wanted = [...new Set(organisationIds)];
  return inLockedProposal(db, user, id, async (trx, p): Promise<Outcome> => {
    authorizeUser(user, 'manage-proposals');
    if (!mayChangeAddressees(user, p)) return { ok: false, errors: { _form: i18n.t('proposal.notAllowedNow') } };
    if (wanted.length === 0) return { ok: false, errors: { addresseeIds: i18n.t('proposal.chooseAddressee') } };
    const orgs = await organisationsByIds(trx, wanted);
    if (wanted.some((o) => orgs.find((x) => x.id === o)?.category !== 'state_body'))
      return { ok: false, errors: { addresseeIds: i18n.t('validation.choice') } };
    if (wanted.some((o) => p.authorIds.includes(o)))
      return { ok: false, errors: { addresseeIds: i18n.t('proposal.authorIsAddressee') } };
    const current = await trx
      .selectFrom('proposal_addressees as a')
      .select([
        'a.id',
        'a.organisation_id as organisationId',
        'a.answer',
        'a.deadline',
        organisationColumn('a.organisation_id', 'name').as('name'),
      ])
      .where('a.proposal_id', '=', id)
      .execute();
    const removed = current.filter((a) => !wanted.includes(a.organisationId));
    const answered = removed.find((a) => a.answer !== null);
    if (answered)
      return {
        ok: false,
        errors: {
          addresseeIds: i18n.t('proposal.answeredCannotBeRemoved', { body: i18n.pick(answered.name)?.text ?? '' }),
        },
      };
    const added = orgs.filter((o) => !current.some((a) => a.organisationId === o.id));
    if (added.length === 0 && removed.length === 0) return { ok: true, value: undefined };
    // The deadline the secretariat gave at the assignment applies to the bodies added after it.
    const deadline =
      p.status === 'assigned'
        ? (current
            .map((a) => a.deadline)
            .sort()
            .at(-1) ?? null)
        : null;
    if (removed.length)
      await trx
        .deleteFrom('proposal_addressees')
        .where(
          'id',
          'in',
          removed.map((a) => a.id),
        )
        .execute();
    if (added.length)
      await trx
        .insertInto('proposal_addressees')
        .values(added.map((o) => ({ proposal_id: id, organisation_id: o.id, deadline })))
        .execute();
    const remaining = current.filter((a) => !removed.includes(a));
    const nowAnswered = p.status === 'assigned' && added.length === 0 && remaining.every((a) => a.answer !== null);
    if (nowAnswered) await setProposalStatus(trx, id, 'answered');
    await recordEvent(
      trx,
      user,
      {
        proposalId: id,
        kind: 'addressees_changed',
        detail: {
          added: added.map((o) => o.name),
          removed: removed.map((a) => a.name),
          ...(deadline && added.length ? { deadline } : {}),
        },
        // Before the assignment no body was asked anything yet: it is told when the proposal is assigned.
        concerns: p.status === 'assigned' ? [...added.map((o) => o.id), ...removed.map((a) => a.organisationId)] : [],
      },
      publicUrl,
    );
    await audit(trx, userActor(user), {
      entity: 'proposal',
      entityId: id,
      action: 'change_addressees',
      before: { addressees: current.map((a) => a.organisationId), status: p.status },
      after: {
        addressees: wanted,
        added: added.map((o) => o.id),
        removed: removed.map((a) => a.organisationId),
        status: nowAnswered ? 'answered' : p.status,
      },
    });
    return { ok: true, value: undefined };
  });
}
