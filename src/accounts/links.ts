import { sql } from 'kysely';
import { audit } from '../core/audit.ts';
import type { Db } from '../core/db/database.ts';

/*
 * The one-time links accounts send by e-mail (a password reset, an address confirmation): used up
 * once, closed when a newer one is sent or the account changes, and what they do audited as done by
 * the owner of the address.
 */

type LinkTable = 'password_resets' | 'email_confirmations';

/**
 * Uses up a one-time link (a password reset, an address confirmation) in the caller's transaction;
 * false when it was used meanwhile (two clicks at once: only one goes through).
 */
export async function useLinkOnce(trx: Db, table: LinkTable, id: string) {
  const used = await trx
    .updateTable(table)
    .set({ used_at: sql`now()` })
    .where('id', '=', id)
    .where('used_at', 'is', null)
    .returning('id')
    .executeTakeFirst();
  return used !== undefined;
}

/**
 * Closes every open link of a user of one kind (resets, confirmations): marked as used, never
 * deleted, so the audit's references to them stay meaningful.
 */
export async function closeOpenLinks(trx: Db, table: LinkTable, userId: string) {
  await trx
    .updateTable(table)
    .set({ used_at: sql`now()` })
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .execute();
}

/** Audits what a link did as done by the owner of its address (no one is signed in). */
export async function auditLinkOwner(
  trx: Db,
  link: { userId: string; email: string },
  action: 'password_reset' | 'email_confirmed',
): Promise<void> {
  const owner = { userId: link.userId, label: link.email, organisationId: null };
  await audit(trx, owner, { entity: 'user', entityId: link.userId, action });
}
