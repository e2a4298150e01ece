import type { Db } from './db/database.ts';

/** The value of one platform setting (core's settings table), undefined when unset: one query. */
export async function setting(db: Db, key: string): Promise<unknown> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
  return row?.value;
}
