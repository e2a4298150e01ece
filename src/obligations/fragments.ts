import { type Expression, type RawBuilder, sql } from 'kysely';
import type { Translated } from '../core/i18n/translated.ts';

/*
 * What other domains read of the obligations domain's tables, composed into their one query
 * (issue 11, decision 0016: no domain reads another domain's tables).
 */

/** The reporting cycle whose id is `id` (a column of the caller's query): its id, mechanism's code and title; null when none. */
export function cycleJson(
  id: string | Expression<unknown>,
): RawBuilder<{ id: string; code: string; title: Translated } | null> {
  return sql`(SELECT jsonb_build_object('id', c.id::text, 'code', m.code, 'title', c.title)
                FROM reporting_cycles c JOIN mechanisms m ON m.id = c.mechanism_id
               WHERE c.id = ${typeof id === 'string' ? sql.ref(id) : id})`;
}
