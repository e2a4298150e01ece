import { sql } from 'kysely';
import type { Db } from '../../core/db/database.ts';
import type { LegalTextKind } from '../../core/db/schema.ts';
import type { Translated } from '../../core/i18n/translated.ts';

export const LEGAL_KINDS: readonly LegalTextKind[] = ['terms', 'privacy'];

export interface LegalText {
  kind: LegalTextKind;
  version: number;
  body: Translated;
  createdAt: Date;
}

/** The current (highest) version of one legal text. One query. */
export async function currentLegalText(db: Db, kind: LegalTextKind): Promise<LegalText> {
  return db
    .selectFrom('legal_texts')
    .select(['kind', 'version', 'body', 'created_at as createdAt'])
    .where('kind', '=', kind)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirstOrThrow();
}

/** The current version number of each legal text (what a consent given now agrees to). One query. */
export async function currentVersions(db: Db): Promise<Record<LegalTextKind, number>> {
  const rows = await db
    .selectFrom('legal_texts')
    .select(['kind', sql<number>`max(version)`.as('version')])
    .groupBy('kind')
    .execute();
  const out = { terms: 0, privacy: 0 };
  for (const r of rows) out[r.kind] = Number(r.version);
  return out;
}
