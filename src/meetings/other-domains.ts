import type { Db } from '../core/db/database.ts';

/*
 * What meetings read of the organisations domain's tables (organisations, people, positions,
 * body_memberships), gathered here until organisations offers them through its index.ts
 * (issue 11: no domain reads another domain's tables).
 */

/** The organisations to choose from (agenda, invitations, attendance, minutes). */
export function organisationChoices(db: Db) {
  return db.selectFrom('organisations').select(['id', 'name', 'category']).execute();
}

/** People holding a position now, with their organisation: for choosing presenters and attendees. */
export function peopleWithPositions(db: Db) {
  return db
    .selectFrom('positions as p')
    .innerJoin('people as pe', 'pe.id', 'p.person_id')
    .innerJoin('organisations as o', 'o.id', 'p.organisation_id')
    .select([
      'pe.id as personId',
      'pe.full_name as name',
      'o.id as organisationId',
      'o.name as organisationName',
      'o.short_name as organisationShortName',
    ])
    .where('p.until', 'is', null)
    .execute();
}

/** The people holding a position now in an organisation (whom it may send to a meeting). */
export function currentPeopleOf(db: Db, organisationId: string) {
  return db
    .selectFrom('positions as p')
    .innerJoin('people as pe', 'pe.id', 'p.person_id')
    .select(['pe.id as personId', 'pe.full_name as name'])
    .where('p.organisation_id', '=', organisationId)
    .where('p.until', 'is', null)
    .execute();
}

/** The organisations that are members of a body now. */
export async function memberOrganisationIds(db: Db, bodyId: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom('body_memberships')
    .select('organisation_id')
    .where('body_id', '=', bodyId)
    .where('until', 'is', null)
    .where('status', '=', 'member')
    .execute();
  return new Set(rows.map((x) => x.organisation_id));
}
