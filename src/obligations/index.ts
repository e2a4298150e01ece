/** What other domains may use of international obligations. */

/** The home page's figures. */
export { recommendationFigures } from './figures.ts';
export * from './fragments.ts';

import { sql } from 'kysely';
import type { Db } from '../core/db/database.ts';
import type { Translated } from '../core/i18n/translated.ts';

/** Is the file a cycle's document or a progress report's evidence? Both are public, as their pages are. */
export async function isPublicObligationFile(db: Db, fileId: string): Promise<boolean> {
  const row = await sql<{ found: boolean }>`
    SELECT EXISTS (SELECT 1 FROM cycle_documents WHERE file_id = ${fileId})
        OR EXISTS (SELECT 1 FROM action_progress_files WHERE file_id = ${fileId}) AS found`.execute(db);
  return row.rows[0]?.found === true;
}

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

/** The public aggregates the dashboards draw (decision 0029). */
export {
  type AssessmentComparison,
  type DeadlineOutcome,
  type ObligationFigures,
  obligationFigures,
} from './dashboard.ts';
