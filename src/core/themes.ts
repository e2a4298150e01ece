import { type Expression, type RawBuilder, sql } from 'kysely';
import type { Db } from './db/database.ts';
import type { Translated } from './i18n/translated.ts';

/*
 * The themes proposals and recommendations are filed under: reference data every domain shares, kept
 * by core (decision 0016). Domains read them through these functions and fragments, never the table.
 */

/** The themes to choose from, ordered by id or by slug: one query. */
export function themeChoices(db: Db, orderBy: 'id' | 'slug' = 'id'): Promise<{ id: string; name: Translated }[]> {
  return db.selectFrom('themes').select(['id', 'name']).orderBy(orderBy).execute();
}

/** Which of `ids` name a theme: one query (none when `ids` is empty). */
export async function existingThemeIds(db: Db, ids: readonly string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('themes')
    .select('id')
    .where('id', 'in', [...ids])
    .execute();
  return rows.map((r) => r.id);
}

const FIELDS = { id: sql`t.id::text`, slug: sql`t.slug`, name: sql`t.name` };
type ThemeFields = { id: string; slug: string; name: Translated };

/**
 * The themes whose ids are in `ids` (a bigint[] expression of the caller's query, or a subquery when
 * `subquery`), as a jsonb array of `fields` ordered by `orderBy`, '[]' when none.
 */
export function themesJson<F extends keyof ThemeFields>(
  ids: Expression<unknown>,
  fields: readonly F[],
  opts: { orderBy?: 'id' | 'slug'; subquery?: boolean } = {},
): RawBuilder<Pick<ThemeFields, F>[]> {
  const pairs = sql.join(fields.map((f) => sql`${sql.lit(f)}::text, ${FIELDS[f]}`));
  const where = opts.subquery ? sql`t.id IN ${ids}` : sql`t.id = ANY(${ids})`;
  const order = opts.orderBy === 'slug' ? sql`t.slug` : sql`t.id`;
  return sql`(SELECT coalesce(jsonb_agg(jsonb_build_object(${pairs}) ORDER BY ${order}), '[]') FROM themes t WHERE ${where})`;
}

/** One field of the theme whose id is `id` (null when none). */
export function themeColumn<F extends keyof ThemeFields>(
  id: Expression<unknown>,
  field: F,
): RawBuilder<ThemeFields[F] | null> {
  return sql`(SELECT ${FIELDS[field]} FROM themes t WHERE t.id = ${id})`;
}

/** The themes whose slugs are among `slugs` (a text[] value): rows of (id, slug), as a subquery to select from. */
export function themesBySlugs(slugs: Expression<unknown>): RawBuilder<unknown> {
  return sql`(SELECT t.id, t.slug FROM themes t WHERE t.slug = ANY(${slugs}))`;
}
