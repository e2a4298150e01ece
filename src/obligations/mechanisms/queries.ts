import { sql } from 'kysely';
import type { Db } from '../../core/db/database.ts';
import type { MechanismKind, RatificationStatus } from '../../core/db/schema-obligations.ts';
import type { Translated } from '../../core/i18n/translated.ts';

/** Read side of the catalogue of mechanisms: each page's data in a fixed number of queries. */

export interface Mechanism {
  id: string;
  code: string;
  kind: MechanismKind;
  name: Translated;
  treaty: Translated;
  status: RatificationStatus | null;
  signedOn: string | null;
  ratifiedOn: string | null;
  note: Translated;
}

const COLUMNS = [
  'id',
  'code',
  'kind',
  'name',
  'treaty',
  'ratification_status as status',
  'signed_on as signedOn',
  'ratified_on as ratifiedOn',
  'ratification_note as note',
] as const;

/** Every mechanism in the catalogue's order (one query). */
export async function catalogue(db: Db): Promise<Mechanism[]> {
  return db.selectFrom('mechanisms').select(COLUMNS).orderBy('position').orderBy('id').execute();
}

/** One mechanism by its code (CAT, UPR…), case as stored; undefined if there is none. */
export async function mechanismByCode(db: Db, code: string): Promise<Mechanism | undefined> {
  if (!/^[A-Za-z][A-Za-z0-9-]{1,19}$/.test(code)) return undefined;
  return db.selectFrom('mechanisms').select(COLUMNS).where('code', '=', code.toUpperCase()).executeTakeFirst();
}

/** The State this Kenes serves: one definition, in the domain's queries. */
import { homeState } from '../queries.ts';

export { homeState as homeStateCode };

export interface CycleSummary {
  id: string;
  number: number | null;
  title: Translated;
  /** The earliest deadline not yet met, if any. */
  nextDue: string | null;
}

/** The home State's reporting cycles of a mechanism, newest first, with their next open deadline (one query). */
export async function cyclesOf(db: Db, mechanismId: string, state: string): Promise<CycleSummary[]> {
  return db
    .selectFrom('reporting_cycles as c')
    .select([
      'c.id',
      'c.number',
      'c.title',
      (eb) =>
        eb
          .selectFrom('cycle_stages_effective as s')
          .select(sql<string>`min(s.due_on)::text`.as('d'))
          .whereRef('s.cycle_id', '=', 'c.id')
          .where('s.done_on', 'is', null)
          .as('nextDue'),
    ])
    .where('c.mechanism_id', '=', mechanismId)
    .where('c.state_code', '=', state)
    .orderBy(sql`c.number DESC NULLS LAST`)
    .orderBy('c.created_at', 'desc')
    .execute();
}

/** How many recommendations the mechanism has made, to any State (one query on an index). */
export async function recommendationCount(db: Db, mechanismId: string): Promise<number> {
  const row = await db
    .selectFrom('recommendations')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('mechanism_id', '=', mechanismId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** What a mechanism's page shows: the mechanism, the home State, its cycles there and its recommendations' count. */
export async function mechanismPage(
  db: Db,
  code: string,
): Promise<{ mechanism: Mechanism; state: string; cycles: CycleSummary[]; recommendations: number } | undefined> {
  const mechanism = await mechanismByCode(db, code);
  if (!mechanism) return undefined;
  const state = await homeState(db);
  const [cycles, recommendations] = await Promise.all([
    cyclesOf(db, mechanism.id, state),
    recommendationCount(db, mechanism.id),
  ]);
  return { mechanism, state, cycles, recommendations };
}

/** The catalogue's page: every mechanism and the home State (side by side). */
export async function catalogueWithState(db: Db): Promise<{ mechanisms: Mechanism[]; state: string }> {
  const [mechanisms, state] = await Promise.all([catalogue(db), homeState(db)]);
  return { mechanisms, state };
}
