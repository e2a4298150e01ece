import type { Generated, InsertObject, Kysely, Selectable, UpdateObject } from 'kysely';
import { audit, userActor } from './audit.ts';
import type { CurrentUser } from './auth/user.ts';
import type { Db } from './db/database.ts';
import type { DB } from './db/schema.ts';
import { HttpError } from './http/http-error.ts';

/** The tables whose rows are keyed by `id`. */
type TableWithId = { [T in keyof DB]: DB[T] extends { id: unknown } ? T : never }[keyof DB];

// The callers' values are checked against their table; Kysely cannot resolve a generic table's
// builder, so the statements themselves are built over a plain view of the database.
type Plain = Kysely<Record<string, { id: Generated<string> }>>;

/** One new row: the table, its values, and what the audit log records. */
export interface AuditedInsert<T extends TableWithId> {
  table: T;
  values: InsertObject<DB, T>;
  entity: string;
  after: unknown;
}

/**
 * Inserts one row and writes its audit entry ('create', with `after`), in the caller's
 * transaction: the create use case every domain has. Returns the new row's id.
 */
export async function insertAudited<T extends TableWithId>(
  trx: Db,
  user: CurrentUser,
  row: AuditedInsert<T>,
): Promise<string> {
  const table: string = row.table;
  const { id } = await (trx as unknown as Plain)
    .insertInto(table)
    .values(row.values as { id?: string })
    .returning('id')
    .executeTakeFirstOrThrow();
  await audit(trx, userActor(user), { entity: row.entity, entityId: id, action: 'create', after: row.after });
  return id;
}

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
  const table: string = change.table;
  await (trx as unknown as Plain)
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

/**
 * Reads `columns` of one row (by id) and locks it until the caller's transaction ends (FOR UPDATE):
 * the `before` of a change that must see the row as it is. A row that is not there is a 404 that
 * names `noun`.
 */
export async function lockedRow<T extends TableWithId, C extends keyof Selectable<DB[T]> & string>(
  trx: Db,
  table: T,
  id: string,
  columns: readonly C[],
  noun: string,
): Promise<Pick<Selectable<DB[T]>, C>> {
  const name: string = table;
  const row = await (trx as unknown as Plain)
    .selectFrom(name)
    .select(columns as readonly string[] as readonly 'id'[])
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  if (!row) throw new HttpError(404, `${noun} ${id}`);
  return row as unknown as Pick<Selectable<DB[T]>, C>;
}
