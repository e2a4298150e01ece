import type { Db } from '../../core/db/database.ts';

/** The last 100 e-mails, newest first (one query). */
export function outbox(db: Db) {
  return db
    .selectFrom('email_outbox')
    .select([
      'id',
      'to_address as to',
      'subject',
      'body_text as text',
      'created_at as createdAt',
      'sent_at as sentAt',
      'last_error as lastError',
    ])
    .orderBy('id', 'desc')
    .limit(100)
    .execute();
}
