import { sql } from 'kysely';
import { audit, userActor } from '../core/audit.ts';
import { insertAudited, lockedRow, updateAudited } from '../core/audited-writes.ts';
import { authorizeUser } from '../core/auth/policy.ts';
import type { CurrentUser } from '../core/auth/user.ts';
import type { Db } from '../core/db/database.ts';
import type { OrganisationCategory } from '../core/db/schema.ts';
import type { FieldErrors, Outcome } from '../core/http/forms.ts';
import { HttpError } from '../core/http/http-error.ts';
import type { I18n } from '../core/i18n/i18n.ts';
import type { Translated } from '../core/i18n/translated.ts';
import { addPerson as insertPerson, insertPosition } from './fragments.ts';

/** Use cases for organisations, memberships, people and positions: policy, one transaction, audit. */

export interface OrganisationData {
  name: Translated;
  shortName: Translated;
  category: OrganisationCategory;
  website: string | null;
  parentId: string | null;
}

/** A URL name from the English (or any Latin) name; a number keeps it unique. */
async function freeSlug(db: Db, name: Translated): Promise<string> {
  const latin = (name.en ?? name.ru ?? name.kk ?? '')
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/g, '');
  // "new" is the address of the creation form.
  const base = latin.length >= 2 && latin !== 'new' ? latin : 'organisation';
  const taken = new Set(
    (await db.selectFrom('organisations').select('slug').where('slug', 'like', `${base}%`).execute()).map(
      (r) => r.slug,
    ),
  );
  if (!taken.has(base)) return base;
  for (let i = 2; ; i++) if (!taken.has(`${base}-${i}`)) return `${base}-${i}`;
}

/** Would making `parentId` the parent of `id` create a loop (the parent is the organisation or below it)? */
async function wouldLoop(db: Db, id: string, parentId: string): Promise<boolean> {
  const { rows } = await sql<{ id: string }>`
    WITH RECURSIVE up AS (
      SELECT id, parent_id FROM organisations WHERE id = ${parentId}
      UNION SELECT o.id, o.parent_id FROM organisations o JOIN up ON o.id = up.parent_id
    ) SELECT id FROM up WHERE id = ${id}`.execute(db);
  return rows.length > 0;
}

async function parentErrors(db: Db, data: OrganisationData, i18n: I18n, id?: string): Promise<FieldErrors | undefined> {
  if (!data.parentId) return undefined;
  const exists = await db.selectFrom('organisations').select('id').where('id', '=', data.parentId).executeTakeFirst();
  if (!exists) return { parentId: i18n.t('validation.choice') };
  if (id && (data.parentId === id || (await wouldLoop(db, id, data.parentId)))) {
    return { parentId: i18n.t('organisations.parentCycle') };
  }
  return undefined;
}

const columns = (d: OrganisationData) => ({
  name: JSON.stringify(d.name),
  short_name: JSON.stringify(d.shortName),
  category: d.category,
  website: d.website,
  parent_id: d.parentId,
});

export async function createOrganisation(
  db: Db,
  user: CurrentUser,
  data: OrganisationData,
  i18n: I18n,
): Promise<Outcome<string>> {
  authorizeUser(user, 'manage-organisations');
  const errors = await parentErrors(db, data, i18n);
  if (errors) return { ok: false, errors };
  return db.transaction().execute(async (trx) => {
    const slug = await freeSlug(trx, data.name);
    await insertAudited(trx, user, {
      table: 'organisations',
      values: { slug, ...columns(data) },
      entity: 'organisation',
      after: { slug, ...data },
    });
    return { ok: true as const, value: slug };
  });
}

export async function updateOrganisation(
  db: Db,
  user: CurrentUser,
  id: string,
  data: OrganisationData,
  i18n: I18n,
): Promise<Outcome> {
  authorizeUser(user, 'manage-organisations');
  const errors = await parentErrors(db, data, i18n, id);
  if (errors) return { ok: false, errors };
  await db.transaction().execute(async (trx) => {
    const stored = ['name', 'short_name', 'category', 'website', 'parent_id'] as const;
    const before = await lockedRow(trx, 'organisations', id, stored, 'organisation');
    await updateAudited(trx, user, {
      table: 'organisations',
      id,
      set: { ...columns(data), updated_at: sql<Date>`now()` },
      entity: 'organisation',
      action: 'update',
      before,
      after: data,
    });
  });
  return { ok: true, value: undefined };
}

/**
 * Sets an organisation's participation in a body from a date: the current membership (if any)
 * ends the day before, and a new one starts unless the status is "none". History is kept.
 */
export async function setMembership(
  db: Db,
  user: CurrentUser,
  bodyId: string,
  organisationId: string,
  status: 'member' | 'observer' | 'guest' | 'none',
  since: string,
  i18n: I18n,
): Promise<Outcome<'changed' | 'unchanged'>> {
  authorizeUser(user, 'manage-organisations');
  return db.transaction().execute(async (trx) => {
    const current = await trx
      .selectFrom('body_memberships')
      .select(['id', 'status', 'since'])
      .where('body_id', '=', bodyId)
      .where('organisation_id', '=', organisationId)
      .where('until', 'is', null)
      .forUpdate()
      .executeTakeFirst();
    if ((current?.status ?? 'none') === status) return { ok: true as const, value: 'unchanged' as const };
    if (current && since <= current.since) {
      return { ok: false as const, errors: { since: i18n.t('validation.dateOrder') } };
    }
    if (current) {
      await trx
        .updateTable('body_memberships')
        .set({ until: sql<string>`${since}::date - 1` })
        .where('id', '=', current.id)
        .execute();
    }
    if (status !== 'none') {
      await trx
        .insertInto('body_memberships')
        .values({ body_id: bodyId, organisation_id: organisationId, status, since })
        .execute();
    }
    await audit(trx, userActor(user), {
      entity: 'organisation',
      entityId: organisationId,
      action: 'membership',
      before: current ? { status: current.status, since: current.since } : null,
      after: { status, since },
    });
    return { ok: true as const, value: 'changed' as const };
  });
}

export async function addPerson(
  db: Db,
  user: CurrentUser,
  organisationId: string,
  data: { name: Translated; title: Translated; since: string | undefined },
): Promise<string> {
  authorizeUser(user, 'manage-people');
  return db.transaction().execute(async (trx) => {
    const personId = await insertPerson(trx, data.name, organisationId, data);
    await audit(trx, userActor(user), {
      entity: 'person',
      entityId: personId,
      action: 'create',
      after: { ...data, organisationId },
    });
    return personId;
  });
}

export async function addPosition(
  db: Db,
  user: CurrentUser,
  personId: string,
  data: { organisationId: string; title: Translated; since: string | undefined },
  i18n: I18n,
): Promise<Outcome> {
  authorizeUser(user, 'manage-people');
  const org = await db
    .selectFrom('organisations')
    .select('id')
    .where('id', '=', data.organisationId)
    .executeTakeFirst();
  if (!org) return { ok: false, errors: { organisationId: i18n.t('validation.choice') } };
  await db.transaction().execute(async (trx) => {
    const positionId = await insertPosition(trx, personId, data.organisationId, data);
    await audit(trx, userActor(user), {
      entity: 'position',
      entityId: positionId,
      action: 'create',
      after: { personId, ...data },
    });
  });
  return { ok: true, value: undefined };
}

export async function endPosition(
  db: Db,
  user: CurrentUser,
  positionId: string,
  until: string,
  i18n: I18n,
): Promise<Outcome<string>> {
  authorizeUser(user, 'manage-people');
  return db.transaction().execute(async (trx) => {
    const position = await lockedRow(trx, 'positions', positionId, ['id', 'person_id', 'since', 'until'], 'position');
    if (position.until) throw new HttpError(404, `open position ${positionId}`);
    if (until < position.since) return { ok: false as const, errors: { until: i18n.t('validation.dateOrder') } };
    await updateAudited(trx, user, {
      table: 'positions',
      id: positionId,
      set: { until },
      entity: 'position',
      action: 'end',
      before: { until: null },
      after: { until },
    });
    return { ok: true as const, value: position.person_id };
  });
}
