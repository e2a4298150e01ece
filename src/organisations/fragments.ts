import { type Expression, type RawBuilder, type SqlBool, sql } from 'kysely';
import type { Db } from '../core/db/database.ts';
import type { OrganisationCategory } from '../core/db/schema.ts';
import type { Translated } from '../core/i18n/translated.ts';

/*
 * What other domains read of the organisations domain's tables (organisations, bodies, body_memberships,
 * people, positions), offered through index.ts (issue 11, decision 0016: no domain reads another
 * domain's tables). Fragments compose into the caller's one query as correlated subqueries, so a page
 * keeps its count of queries; functions that take ids run one query of their own.
 */

/** A column reference of the caller's query ('t.organisation_id') or any expression holding an id. */
export type IdRef = string | Expression<unknown>;

const ref = (id: IdRef): Expression<unknown> => (typeof id === 'string' ? sql.ref(id) : id);

/** What organisations and bodies both have: an id, a slug for their address, a name and a short one. */
interface NamedFields {
  id: string;
  slug: string;
  name: Translated;
  shortName: Translated;
}

/** The SQL of the named fields of the row aliased `alias` ('o', 'b') in a fragment's subquery. */
function namedSql(alias: string): Record<keyof NamedFields, RawBuilder<unknown>> {
  return {
    id: sql`${sql.ref(`${alias}.id`)}::text`,
    slug: sql.ref(`${alias}.slug`),
    name: sql.ref(`${alias}.name`),
    shortName: sql.ref(`${alias}.short_name`),
  };
}

export interface OrganisationFields extends NamedFields {
  category: OrganisationCategory;
}
export type OrganisationField = keyof OrganisationFields;

const ORGANISATION_SQL: Record<OrganisationField, RawBuilder<unknown>> = {
  ...namedSql('o'),
  category: sql`o.category`,
};

/** One field of the organisation whose id is `id`: `organisationColumn('t.organisation_id', 'name').as('organisationName')`. */
export function organisationColumn<F extends OrganisationField>(
  id: IdRef,
  field: F,
): RawBuilder<OrganisationFields[F]> {
  return sql<OrganisationFields[F]>`(SELECT ${ORGANISATION_SQL[field]} FROM organisations o WHERE o.id = ${ref(id)})`;
}

/** The organisation whose id is `id` as a jsonb object of `fields` (null when `id` is null); `||` merges it with the caller's. */
export function organisationJson<F extends OrganisationField>(
  id: IdRef,
  fields: readonly F[],
): RawBuilder<Pick<OrganisationFields, F>> {
  const pairs = sql.join(fields.map((f) => sql`${sql.lit(f)}::text, ${ORGANISATION_SQL[f]}`));
  return sql`(SELECT jsonb_build_object(${pairs}) FROM organisations o WHERE o.id = ${ref(id)})`;
}

/**
 * For a search document that shows an organisation's name (an answer, a task, a person): "the
 * organisation whose id is `id` changed at or after `since`", so that its rename reaches the document
 * within the search job's cycle (documentsPage's `changed`, decision 0018). One uncorrelated subquery,
 * hashed: the few organisations changed since.
 */
export function organisationChangedSince(id: IdRef): (since: Date) => RawBuilder<SqlBool> {
  return (since) => sql<SqlBool>`${ref(id)} IN (SELECT o.id FROM organisations o WHERE o.updated_at >= ${since})`;
}

/** The id of the organisation with this slug (null if none), for a filter inside the caller's query. */
export function organisationIdBySlug(slug: Expression<unknown>): RawBuilder<string | null> {
  return sql<string | null>`(SELECT o.id FROM organisations o WHERE o.slug = ${slug})`;
}

/** The organisations whose slugs are among `slugs` (a text[] value): rows of (id, slug), as a subquery to select from. */
export function organisationsBySlugs(slugs: Expression<unknown>): RawBuilder<unknown> {
  return sql`(SELECT o.id, o.slug FROM organisations o WHERE o.slug = ANY(${slugs}))`;
}

/** The organisations to choose from (forms and filters), all or those among `ids` (a subquery of the caller's): one query. */
export function organisationChoices(
  db: Db,
  ids?: Expression<unknown>,
): Promise<{ id: string; name: Translated; category: OrganisationCategory }[]> {
  return db
    .selectFrom('organisations as o')
    .select(['o.id', 'o.name', 'o.category'])
    .$if(ids !== undefined, (q) => q.where(sql<boolean>`o.id IN ${ids}`))
    .execute();
}

/** The organisations among `ids` (those that exist): one query. */
export function organisationsByIds(db: Db, ids: readonly string[]): Promise<OrganisationFields[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('organisations as o')
    .select(['o.id', 'o.slug', 'o.name', 'o.short_name as shortName', 'o.category'])
    .where('o.id', 'in', [...ids])
    .execute();
}

/** The organisation with this id, if there is one: one query. */
export async function organisationById(db: Db, id: string): Promise<OrganisationFields | undefined> {
  return (await organisationsByIds(db, [id]))[0];
}

/** The full name of the person whose id is `id` (null when there is none). */
export function personName(id: IdRef): RawBuilder<Translated | null> {
  return sql<Translated | null>`(SELECT pe.full_name FROM people pe WHERE pe.id = ${ref(id)})`;
}

/** Is there a person with this id? One query. */
export async function personExists(db: Db, id: string): Promise<boolean> {
  return (await db.selectFrom('people').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
}

/**
 * A new person, holding a position in `organisationId` when given (with its title, and since a day:
 * today unless said); two queries at most, in the caller's transaction.
 */
export async function addPerson(
  db: Db,
  fullName: Translated,
  organisationId: string | null,
  position: { title?: Translated; since?: string | undefined } = {},
): Promise<string> {
  const person = await db
    .insertInto('people')
    .values({ full_name: JSON.stringify(fullName) })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (organisationId) await insertPosition(db, person.id, organisationId, position);
  return person.id;
}

/** A person's position in an organisation, with its title, since a day (today unless said), in the caller's transaction: its id. */
export async function insertPosition(
  db: Db,
  personId: string,
  organisationId: string,
  position: { title?: Translated; since?: string | undefined },
): Promise<string> {
  const row = await db
    .insertInto('positions')
    .values({
      person_id: personId,
      organisation_id: organisationId,
      ...(position.title ? { title: JSON.stringify(position.title) } : {}),
      ...(position.since ? { since: position.since } : {}),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** The positions held now (`p`) and the people holding them (`pe`). */
function currentPositions(db: Db) {
  return db.selectFrom('positions as p').innerJoin('people as pe', 'pe.id', 'p.person_id').where('p.until', 'is', null);
}

/** People holding a position now, with their organisation: for choosing presenters and attendees. */
export function peopleWithPositions(db: Db) {
  return currentPositions(db)
    .innerJoin('organisations as o', 'o.id', 'p.organisation_id')
    .select([
      'pe.id as personId',
      'pe.full_name as name',
      'o.id as organisationId',
      'o.name as organisationName',
      'o.short_name as organisationShortName',
    ])
    .execute();
}

/** The people holding a position now in an organisation (whom it may send to a meeting). */
export function currentPeopleOf(db: Db, organisationId: string) {
  return currentPositions(db)
    .select(['pe.id as personId', 'pe.full_name as name'])
    .where('p.organisation_id', '=', organisationId)
    .execute();
}

/** Which of `personIds` hold a position now in `organisationId`: one query. */
export async function currentlyIn(db: Db, organisationId: string, personIds: readonly string[]): Promise<string[]> {
  if (personIds.length === 0) return [];
  const rows = await db
    .selectFrom('positions')
    .select('person_id')
    .where('person_id', 'in', [...personIds])
    .where('organisation_id', '=', organisationId)
    .where('until', 'is', null)
    .execute();
  return rows.map((r) => r.person_id);
}

/** The title of the position a person held on a day (their latest one begun by then): one query. */
export async function positionTitleOn(db: Db, personId: string, day: string): Promise<Translated | undefined> {
  const row = await db
    .selectFrom('positions')
    .select('title')
    .where('person_id', '=', personId)
    .where('since', '<=', day)
    .orderBy('since', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.title;
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

export interface BodyFields extends NamedFields {
  description: Translated;
}
export type BodyField = keyof BodyFields;

const BODY_SQL: Record<BodyField, RawBuilder<unknown>> = {
  ...namedSql('b'),
  description: sql`b.description`,
};

/** One field of the body whose id is `id`. */
export function bodyColumn<F extends BodyField>(id: IdRef, field: F): RawBuilder<BodyFields[F]> {
  return sql<BodyFields[F]>`(SELECT ${BODY_SQL[field]} FROM bodies b WHERE b.id = ${ref(id)})`;
}

/** The platform's main body (the one without a parent; working groups have one). */
export function mainBody(db: Db): Promise<BodyFields | undefined> {
  return db
    .selectFrom('bodies')
    .select(['id', 'slug', 'name', 'short_name as shortName', 'description'])
    .where('parent_id', 'is', null)
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
}

/** A body's name and its host organisation's name: one query. */
export function bodyWithHost(db: Db, bodyId: string) {
  return db
    .selectFrom('bodies as b')
    .leftJoin('organisations as o', 'o.id', 'b.host_organisation_id')
    .select(['b.name', 'o.name as hostName'])
    .where('b.id', '=', bodyId)
    .executeTakeFirstOrThrow();
}

/** Locks a body's row until the caller's transaction ends (e.g. to number its meetings one at a time). */
export async function lockBody(db: Db, bodyId: string): Promise<void> {
  await db.selectFrom('bodies').select('id').where('id', '=', bodyId).forUpdate().executeTakeFirstOrThrow();
}

/** The organisations whose ids are in `ids` (a bigint[] expression of the caller's query) as a jsonb array of `fields`, by id; '[]' when none. */
export function organisationsJson<F extends OrganisationField>(
  ids: IdRef,
  fields: readonly F[],
): RawBuilder<Pick<OrganisationFields, F>[]> {
  const pairs = sql.join(fields.map((f) => sql`${sql.lit(f)}::text, ${ORGANISATION_SQL[f]}`));
  return sql`(SELECT coalesce(jsonb_agg(jsonb_build_object(${pairs}) ORDER BY o.id), '[]') FROM organisations o WHERE o.id = ANY(${ref(ids)}))`;
}

/** The organisations of some categories (e.g. the state's bodies), to choose from: one query. */
export function organisationsInCategories(db: Db, categories: readonly OrganisationCategory[]) {
  return db
    .selectFrom('organisations')
    .select(['id', 'slug', 'name', 'category'])
    .where('category', 'in', [...categories])
    .execute();
}
