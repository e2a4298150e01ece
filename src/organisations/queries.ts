import type { Db } from '../core/db/database.ts';
import type { OrganisationCategory } from '../core/db/schema.ts';
import type { Translated } from '../core/i18n/translated.ts';

export interface OrganisationSummary {
  id: string;
  slug: string;
  category: OrganisationCategory;
  name: Translated;
  shortName: Translated;
}

export interface OrganisationDetail extends OrganisationSummary {
  website: string | null;
  parent: OrganisationSummary | null;
}

export interface MembershipRow {
  bodyName: Translated;
  status: 'member' | 'observer' | 'guest';
  since: string;
  until: string | null;
}

const summaryColumns = ['o.id', 'o.slug', 'o.category', 'o.name', 'o.short_name as shortName'] as const;

/** Every organisation, in one query (the directory groups and sorts them per language). */
export function listOrganisations(db: Db): Promise<OrganisationSummary[]> {
  return db.selectFrom('organisations as o').select(summaryColumns).orderBy('o.id').execute();
}

export async function findOrganisation(db: Db, slug: string): Promise<OrganisationDetail | undefined> {
  const row = await db
    .selectFrom('organisations as o')
    .leftJoin('organisations as p', 'p.id', 'o.parent_id')
    .select([
      ...summaryColumns,
      'o.website',
      'p.id as parentId',
      'p.slug as parentSlug',
      'p.category as parentCategory',
      'p.name as parentName',
      'p.short_name as parentShortName',
    ])
    .where('o.slug', '=', slug)
    .executeTakeFirst();
  if (!row) return undefined;
  const { parentId, parentSlug, parentCategory, parentName, parentShortName, ...org } = row;
  return {
    ...org,
    parent:
      parentId && parentSlug && parentCategory && parentName
        ? {
            id: parentId,
            slug: parentSlug,
            category: parentCategory,
            name: parentName,
            shortName: parentShortName ?? {},
          }
        : null,
  };
}

export function listChildren(db: Db, organisationId: string): Promise<OrganisationSummary[]> {
  return db.selectFrom('organisations as o').select(summaryColumns).where('o.parent_id', '=', organisationId).execute();
}

export function listMemberships(db: Db, organisationId: string): Promise<MembershipRow[]> {
  return db
    .selectFrom('body_memberships as m')
    .innerJoin('bodies as b', 'b.id', 'm.body_id')
    .select(['b.name as bodyName', 'm.status', 'm.since', 'm.until'])
    .where('m.organisation_id', '=', organisationId)
    .orderBy('m.since', 'desc')
    .execute();
}

/** Current members of a body, counted per category. */
export async function countMembersByCategory(
  db: Db,
  bodyId: string,
): Promise<{ category: OrganisationCategory; count: number }[]> {
  const rows = await db
    .selectFrom('body_memberships as m')
    .innerJoin('organisations as o', 'o.id', 'm.organisation_id')
    .select(['o.category', (eb) => eb.fn.countAll<string>().as('count')])
    .where('m.body_id', '=', bodyId)
    .where('m.until', 'is', null)
    .groupBy('o.category')
    .execute();
  return rows.map((r) => ({ category: r.category, count: Number(r.count) }));
}

export interface PersonAtOrganisation {
  personId: string;
  positionId: string;
  name: Translated;
  title: Translated;
  since: string;
}

/** The people currently holding a position in an organisation. */
export function currentPeople(db: Db, organisationId: string): Promise<PersonAtOrganisation[]> {
  return db
    .selectFrom('positions as p')
    .innerJoin('people as pe', 'pe.id', 'p.person_id')
    .select(['pe.id as personId', 'p.id as positionId', 'pe.full_name as name', 'p.title', 'p.since'])
    .where('p.organisation_id', '=', organisationId)
    .where('p.until', 'is', null)
    .orderBy('p.since')
    .execute();
}

export function findPerson(db: Db, id: string) {
  return db.selectFrom('people').select(['id', 'full_name as name']).where('id', '=', id).executeTakeFirst();
}

/** A person's positions, newest first, with the organisations' names. */
export function positionsOf(db: Db, personId: string) {
  return db
    .selectFrom('positions as p')
    .innerJoin('organisations as o', 'o.id', 'p.organisation_id')
    .select(['p.id', 'p.title', 'p.since', 'p.until', 'o.slug', 'o.name as organisationName'])
    .where('p.person_id', '=', personId)
    .orderBy('p.since', 'desc')
    .execute();
}

/** For forms: the raw stored organisation. */
export function organisationForEdit(db: Db, slug: string) {
  return db
    .selectFrom('organisations')
    .select(['id', 'slug', 'name', 'short_name as shortName', 'category', 'website', 'parent_id as parentId'])
    .where('slug', '=', slug)
    .executeTakeFirst();
}

/** All organisations for a select box. */
export function organisationOptions(db: Db) {
  return db.selectFrom('organisations').select(['id', 'name', 'slug', 'category', 'short_name as shortName']).execute();
}

/** An organisation's name, by id (for another domain that needs to name it, e.g. in an invitation). */
export async function organisationName(db: Db, id: string): Promise<Translated | undefined> {
  const row = await db.selectFrom('organisations').select('name').where('id', '=', id).executeTakeFirst();
  return row?.name;
}
