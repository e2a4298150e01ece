/** What other domains may use of international obligations. */
export { remindCycleStages } from './jobs.ts';

import { sql } from 'kysely';
import type { Db } from '../core/db/database.ts';
import type { Translated } from '../core/i18n/translated.ts';

export interface RecommendationLink {
  id: string;
  mechanismCode: string;
  symbol: string | null;
  paragraph: string | null;
  text: Translated;
}

/** The recommendations a proposal would implement (one query). */
export async function recommendationsOfProposal(db: Db, proposalId: string): Promise<RecommendationLink[]> {
  const rows = await sql<RecommendationLink>`
    SELECT r.id::text AS id, m.code AS "mechanismCode", r.symbol, r.paragraph, r.text
      FROM recommendation_proposals rp
      JOIN recommendations r ON r.id = rp.recommendation_id
      JOIN mechanisms m ON m.id = r.mechanism_id
     WHERE rp.proposal_id = ${proposalId}
     ORDER BY r.adopted_on DESC NULLS LAST, r.id`.execute(db);
  return rows.rows;
}
