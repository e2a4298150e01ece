import assert from 'node:assert/strict';
import type { Db } from '../core/db/database.ts';

/**
 * What every deadline reminder job promises (core/notifications/deadline-reminders.ts), checked on one
 * item: run twice at once and then again, the person is told `soon` once; once `pass` has moved the
 * deadline into the past, two runs at once add `overdue`, once. `told` reads the person's notices
 * about the item.
 */
export async function assertRemindedOnceEach(
  db: Db,
  remind: (db: Db) => Promise<number>,
  told: () => Promise<string[]>,
  pass: () => Promise<unknown>,
  messages: { soon: string; overdue: string },
): Promise<void> {
  await Promise.all([remind(db), remind(db)]);
  await remind(db);
  assert.deepEqual(await told(), [messages.soon]);
  await pass();
  await Promise.all([remind(db), remind(db)]);
  assert.deepEqual((await told()).sort(), [messages.soon, messages.overdue]);
}
