import { enabledUsers } from '../../accounts/index.ts';
import type { CurrentUser } from '../../core/auth/user.ts';
import type { Db } from '../../core/db/database.ts';
import type { NotificationKind } from '../../core/extensions.ts';
import { notify } from '../../core/notifications/notices.ts';
import type { LockedMeeting } from '../use-case.ts';
import { attendingOrganisationIds } from './queries.ts';

/*
 * Who the minutes ask to act, told in the transaction of the change (issue 13; core's notices carry
 * them to the notifications page and by e-mail): circulated minutes to the representatives and
 * observers of the organisations that attended, and to the chair, who approves them once the
 * corrections are decided; a proposed correction to the secretariat; the last correction decided to
 * the chair again. Never the person acting.
 */

/** The kinds of the minutes' notices (each person chooses their e-mail per kind; decision 0024). */
export const MINUTES_KINDS = {
  circulated: {
    key: 'minutes-circulated',
    label: 'notify.kind.minutesCirculated',
    default: 'immediately',
    byRole: { observer: 'daily' },
    roles: ['representative', 'observer'],
  },
  approvalDue: {
    key: 'minutes-approval-due',
    label: 'notify.kind.minutesApprovalDue',
    default: 'immediately',
    roles: ['chair'],
  },
  correctionProposed: {
    key: 'minutes-correction-proposed',
    label: 'notify.kind.minutesCorrectionProposed',
    default: 'daily',
    roles: ['secretariat'],
  },
} as const satisfies Record<string, NotificationKind>;

const minutesOf = (m: LockedMeeting) => ({
  record: `meeting:${m.id}`,
  path: `/meetings/${m.id}/minutes`,
  title: m.title,
  params: { number: m.number },
});

/** The minutes were circulated for corrections. */
export async function tellMinutesCirculated(trx: Db, actor: CurrentUser, m: LockedMeeting): Promise<void> {
  const organisations = await attendingOrganisationIds(trx, m.id);
  const [attendees, chairs] = await Promise.all([
    organisations.length === 0
      ? []
      : enabledUsers(trx, {
          roles: ['representative', 'observer'],
          organisationIds: organisations,
          exceptId: actor.id,
        }),
    enabledUsers(trx, { roles: ['chair'], exceptId: actor.id }),
  ]);
  await notify(
    trx,
    attendees.map((u) => u.id),
    { ...minutesOf(m), kind: MINUTES_KINDS.circulated.key, message: 'notice.minutesCirculated' },
  );
  await tellApprovalDue(trx, actor, m, chairs);
}

/** The chair may approve the minutes (once no correction is open). */
export async function tellApprovalDue(
  trx: Db,
  actor: CurrentUser,
  m: LockedMeeting,
  chairs?: { id: string }[],
): Promise<void> {
  const to = chairs ?? (await enabledUsers(trx, { roles: ['chair'], exceptId: actor.id }));
  await notify(
    trx,
    to.map((u) => u.id),
    { ...minutesOf(m), kind: MINUTES_KINDS.approvalDue.key, message: 'notice.approvalDue' },
  );
}

/** Someone proposed a correction: the secretariat decides it. */
export async function tellCorrectionProposed(trx: Db, actor: CurrentUser, m: LockedMeeting): Promise<void> {
  const staff = await enabledUsers(trx, { roles: ['secretariat'], exceptId: actor.id });
  await notify(
    trx,
    staff.map((u) => u.id),
    {
      ...minutesOf(m),
      kind: MINUTES_KINDS.correctionProposed.key,
      message: 'notice.correctionProposed',
      params: { number: m.number, who: actor.displayName },
    },
  );
}
