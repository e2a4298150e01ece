import { sql } from 'kysely';
import { audit, userActor } from '../../core/audit.ts';
import { insertAudited, updateAudited } from '../../core/audited-writes.ts';
import type { CurrentUser } from '../../core/auth/user.ts';
import type { Db } from '../../core/db/database.ts';
import type { PresenterRole } from '../../core/db/schema.ts';
import type { Outcome } from '../../core/http/forms.ts';
import { HttpError } from '../../core/http/http-error.ts';
import type { I18n } from '../../core/i18n/i18n.ts';
import type { Translated } from '../../core/i18n/translated.ts';
import { organisationById, personExists } from '../../organisations/index.ts';
import { inLockedMeeting, isAgendaItemOf } from '../use-case.ts';
import { agendaOpen } from '../workflow.ts';
/** Use cases of the agenda: items and presenters. */

/** An agenda longer than this is refused (a real one has a handful of items). */
export const MAX_AGENDA_ITEMS = 100;

/** A change to the agenda: by those who run meetings, with the meeting locked, while the agenda is open (else 409). */
function inOpenAgenda<T>(db: Db, user: CurrentUser, meetingId: string, work: (trx: Db) => Promise<T>): Promise<T> {
  return inLockedMeeting(db, user, 'run-meetings', meetingId, (trx, m) => {
    if (!agendaOpen(m.status)) throw new HttpError(409, 'agenda closed', 'agenda.locked');
    return work(trx);
  });
}

export interface AgendaItemData {
  title: Translated;
  description: Translated;
  plannedMinutes: number | undefined;
}

export async function addAgendaItem(
  db: Db,
  user: CurrentUser,
  meetingId: string,
  data: AgendaItemData,
  i18n: I18n,
): Promise<Outcome<string>> {
  return inOpenAgenda(db, user, meetingId, async (trx): Promise<Outcome<string>> => {
    const last = await trx
      .selectFrom('agenda_items')
      .select([(eb) => eb.fn.max('position').as('p'), (eb) => eb.fn.countAll<string>().as('n')])
      .where('meeting_id', '=', meetingId)
      .executeTakeFirst();
    if (Number(last?.n ?? 0) >= MAX_AGENDA_ITEMS) {
      return { ok: false as const, errors: { title_kk: i18n.t('agenda.tooMany', { count: MAX_AGENDA_ITEMS }) } };
    }
    const id = await insertAudited(trx, user, {
      table: 'agenda_items',
      values: {
        meeting_id: meetingId,
        position: Number(last?.p ?? 0) + 1,
        title: JSON.stringify(data.title),
        description: JSON.stringify(data.description),
        planned_minutes: data.plannedMinutes ?? null,
      },
      entity: 'agenda_item',
      after: { meetingId, ...data },
    });
    return { ok: true as const, value: id };
  });
}

export async function updateAgendaItem(
  db: Db,
  user: CurrentUser,
  meetingId: string,
  itemId: string,
  data: AgendaItemData,
) {
  await inOpenAgenda(db, user, meetingId, async (trx) => {
    const before = await trx
      .selectFrom('agenda_items')
      .select(['title', 'description', 'planned_minutes'])
      .where('id', '=', itemId)
      .where('meeting_id', '=', meetingId)
      .executeTakeFirst();
    if (!before) throw new HttpError(404, `agenda item ${itemId}`);
    await updateAudited(trx, user, {
      table: 'agenda_items',
      id: itemId,
      set: {
        title: JSON.stringify(data.title),
        description: JSON.stringify(data.description),
        planned_minutes: data.plannedMinutes ?? null,
      },
      entity: 'agenda_item',
      action: 'update',
      before,
      after: data,
    });
  });
}

/** Swaps an item with its neighbour; positions stay 1…n (the unique constraint is deferred for the swap). */
export async function moveAgendaItem(
  db: Db,
  user: CurrentUser,
  meetingId: string,
  itemId: string,
  direction: 'up' | 'down',
) {
  await inOpenAgenda(db, user, meetingId, async (trx) => {
    const item = await trx
      .selectFrom('agenda_items')
      .select(['id', 'position'])
      .where('id', '=', itemId)
      .where('meeting_id', '=', meetingId)
      .executeTakeFirst();
    if (!item) throw new HttpError(404, `agenda item ${itemId}`);
    const neighbour = await trx
      .selectFrom('agenda_items')
      .select(['id', 'position'])
      .where('meeting_id', '=', meetingId)
      .where('position', direction === 'up' ? '<' : '>', item.position)
      .orderBy('position', direction === 'up' ? 'desc' : 'asc')
      .limit(1)
      .executeTakeFirst();
    if (!neighbour) return;
    await sql`SET CONSTRAINTS agenda_items_position_uq DEFERRED`.execute(trx);
    await trx.updateTable('agenda_items').set({ position: neighbour.position }).where('id', '=', item.id).execute();
    await trx.updateTable('agenda_items').set({ position: item.position }).where('id', '=', neighbour.id).execute();
    await audit(trx, userActor(user), {
      entity: 'agenda_item',
      entityId: itemId,
      action: 'move',
      before: { position: item.position },
      after: { position: neighbour.position },
    });
  });
}

export async function removeAgendaItem(db: Db, user: CurrentUser, meetingId: string, itemId: string) {
  await inOpenAgenda(db, user, meetingId, async (trx) => {
    const before = await trx
      .deleteFrom('agenda_items')
      .where('id', '=', itemId)
      .where('meeting_id', '=', meetingId)
      .returning(['position', 'title'])
      .executeTakeFirst();
    if (!before) throw new HttpError(404, `agenda item ${itemId}`);
    // Close the gap so positions stay 1…n.
    await sql`SET CONSTRAINTS agenda_items_position_uq DEFERRED`.execute(trx);
    await trx
      .updateTable('agenda_items')
      .set({ position: sql`position - 1` })
      .where('meeting_id', '=', meetingId)
      .where('position', '>', before.position)
      .execute();
    await audit(trx, userActor(user), { entity: 'agenda_item', entityId: itemId, action: 'delete', before });
  });
}

export async function addPresenter(
  db: Db,
  user: CurrentUser,
  meetingId: string,
  itemId: string,
  data: { organisationId: string; personId?: string | undefined; role: PresenterRole },
  i18n: I18n,
): Promise<Outcome> {
  return inOpenAgenda(db, user, meetingId, async (trx): Promise<Outcome> => {
    if (!(await isAgendaItemOf(trx, meetingId, itemId))) throw new HttpError(404, `agenda item ${itemId}`);
    const org = await organisationById(trx, data.organisationId);
    if (!org) return { ok: false as const, errors: { organisationId: i18n.t('validation.choice') } };
    if (data.personId) {
      if (!(await personExists(trx, data.personId)))
        return { ok: false as const, errors: { personId: i18n.t('validation.choice') } };
    }
    const last = await trx
      .selectFrom('agenda_presenters')
      .select((eb) => eb.fn.max('position').as('p'))
      .where('agenda_item_id', '=', itemId)
      .executeTakeFirst();
    await insertAudited(trx, user, {
      table: 'agenda_presenters',
      values: {
        agenda_item_id: itemId,
        organisation_id: data.organisationId,
        person_id: data.personId ?? null,
        role: data.role,
        position: Number(last?.p ?? 0) + 1,
      },
      entity: 'agenda_presenter',
      after: { itemId, ...data },
    });
    return { ok: true as const, value: undefined };
  });
}

export async function removePresenter(db: Db, user: CurrentUser, meetingId: string, presenterId: string) {
  await inOpenAgenda(db, user, meetingId, async (trx) => {
    const removed = await trx
      .deleteFrom('agenda_presenters')
      .where('id', '=', presenterId)
      .where('agenda_item_id', 'in', (eb) =>
        eb.selectFrom('agenda_items').select('id').where('meeting_id', '=', meetingId),
      )
      .returning(['agenda_item_id', 'organisation_id', 'role'])
      .executeTakeFirst();
    if (!removed) throw new HttpError(404, `presenter ${presenterId}`);
    await audit(trx, userActor(user), {
      entity: 'agenda_presenter',
      entityId: presenterId,
      action: 'delete',
      before: removed,
    });
  });
}
