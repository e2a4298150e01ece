import type { Db } from '../core/db/database.ts';
import type { OrganisationCategory } from '../core/db/schema.ts';
import type { MechanismKind, RecommendationResponse, RecommendationStatus } from '../core/db/schema-obligations.ts';
import type { Translated } from '../core/i18n/translated.ts';
import { setting } from '../core/settings.ts';

/** Reads that several features of obligations share (cycles, recommendations, implementation, mechanisms). */

export interface MechanismRef {
  id: string;
  code: string;
  kind: MechanismKind;
  name: Translated;
}

/** What every reading of a recommendation gives of it (its page, the explorer, the API and CSV). */
export interface RecommendationFields {
  id: string;
  stateCode: string;
  symbol: string | null;
  paragraph: string | null;
  adoptedOn: string | null;
  session: string | null;
  text: Translated;
  recommendingState: string | null;
  response: RecommendationResponse | null;
  status: RecommendationStatus;
  priority: boolean;
}

export async function mechanismOptions(db: Db): Promise<MechanismRef[]> {
  return db.selectFrom('mechanisms').select(['id', 'code', 'kind', 'name']).orderBy('position').orderBy('id').execute();
}

export async function homeState(db: Db): Promise<string> {
  const value = await setting(db, 'home_state');
  return typeof value === 'string' && /^[A-Z]{2}$/.test(value) ? value : 'KZ';
}

export const today = () => new Date().toISOString().slice(0, 10);

export interface OrgRef {
  id: string;
  slug: string;
  name: Translated;
  category: OrganisationCategory;
}
