import type { Kysely, UpdateObject } from 'kysely';
import { audit, userActor } from './audit.ts';
import type { CurrentUser } from './auth/user.ts';
import type { Db } from './db/database.ts';
import type { DB } from './db/schema.ts';

/** The tables whose rows are keyed by `id`. */
type TableWithId = { [T in keyof DB]: DB[T] extends { id: unknown } ? T : never }[keyof DB];

/** One row's change: the table, the row, the columns set, and what the audit log records. */
export interface AuditedUpdate<T extends TableWithId> {
  table: T;
  id: string;
  set: UpdateObject<DB, T>;
  entity: string;
  action: string;
  before: unknown;
  after: unknown;
}

/**
 * Sets columns of one row (by id) and writes the audit entry for the change, in the caller's
 * transaction: the update use case every domain has (the caller reads and locks `before`, checks,
 * and passes what the entry says).
 */
export async function updateAudited<T extends TableWithId>(
  trx: Db,
  user: CurrentUser,
  change: AuditedUpdate<T>,
): Promise<void> {
  // The caller's `set` is checked against its table above; Kysely cannot resolve a generic table's
  // builder, so the statement itself is built over a plain view of the database.
  const plain = trx as unknown as Kysely<Record<string, { id: string }>>;
  const table: string = change.table;
  await plain
    .updateTable(table)
    .set(change.set as Record<string, unknown>)
    .where('id', '=', change.id)
    .execute();
  await audit(trx, userActor(user), {
    entity: change.entity,
    entityId: change.id,
    action: change.action,
    before: change.before,
    after: change.after,
  });
}
