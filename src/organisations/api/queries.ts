import { type RawBuilder, sql } from 'kysely';
import type { z } from 'zod';
import type { Db } from '../../core/db/database.ts';
import type { OrganisationCategory } from '../../core/db/schema.ts';
import { listPage } from '../../core/http/api-list.ts';
import type { Translated } from '../../core/i18n/translated.ts';
import type { OrganisationsApiQuery } from './schema.ts';

/*
 * Organisations and their membership of the platform's bodies, for the API: public, as the
 * directory. A page is two queries (the rows with their memberships folded in, and their count);
 * one organisation is one.
 */

export interface ApiMembership {
  body: { slug: string; name: Translated };
  status: 'member' | 'observer' | 'guest';
  since: string;
  until: string | null;
}

export interface ApiOrganisation {
  slug: string;
  category: OrganisationCategory;
  name: Translated;
  shortName: Translated;
  website: string | null;
  parent: string | null;
  memberships: ApiMembership[];
  updatedAt: Date;
}

/** The memberships of organisation `o`, the latest first (a correlated subquery). */
const memberships: RawBuilder<ApiMembership[]> = sql`(SELECT coalesce(jsonb_agg(jsonb_build_object(
    'body', jsonb_build_object('slug', b.slug, 'name', b.name), 'status', bm.status,
    'since', bm.since, 'until', bm.until) ORDER BY bm.since DESC, bm.id), '[]')
  FROM body_memberships bm JOIN bodies b ON b.id = bm.body_id WHERE bm.organisation_id = o.id)`;

const columns = [
  'o.slug',
  'o.category',
  'o.name',
  'o.short_name as shortName',
  'o.website',
  sql<string | null>`(SELECT p.slug FROM organisations p WHERE p.id = o.parent_id)`.as('parent'),
  memberships.as('memberships'),
  'o.updated_at as updatedAt',
] as const;

/** A page of organisations in the order they were added, and how many match. */
export async function apiOrganisations(db: Db, q: z.output<typeof OrganisationsApiQuery>) {
  let base = db.selectFrom('organisations as o');
  if (q.category) base = base.where('o.category', '=', q.category);
  if (q.member === '1')
    base = base.where(
      sql<boolean>`EXISTS (SELECT 1 FROM body_memberships bm WHERE bm.organisation_id = o.id
        AND bm.status = 'member' AND (bm.until IS NULL OR bm.until >= current_date))`,
    );
  const { rows, total } = await listPage(
    base,
    { changed: ['o.updated_at'], select: (b) => b.select(columns).orderBy('o.id') },
    q,
  );
  return { rows: rows as ApiOrganisation[], total };
}

/** One organisation by its slug, with its memberships and its units (children); undefined if none. */
export function apiOrganisation(db: Db, slug: string) {
  return db
    .selectFrom('organisations as o')
    .select([
      ...columns,
      sql<
        string[]
      >`(SELECT coalesce(jsonb_agg(c.slug ORDER BY c.id), '[]') FROM organisations c WHERE c.parent_id = o.id)`.as(
        'units',
      ),
    ])
    .where('o.slug', '=', slug)
    .executeTakeFirst() as Promise<(ApiOrganisation & { units: string[] }) | undefined>;
}
