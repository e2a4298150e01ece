import { sql } from 'kysely';
import type { Db } from './db/database.ts';

/*
 * Reading the audit log (core's table) for its page and CSV in the admin domain: the SQL over the
 * table stays in core (decision 0016); the admin domain parses the filter and renders.
 */

/** What the log is filtered by (the admin domain's form, `AuditFilter`, is one). */
export interface AuditLogFilter {
  entity?: string | undefined;
  action?: string | undefined;
  actor?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  before?: string | undefined;
}

export const AUDIT_PAGE = 50;

export interface AuditRow {
  id: string;
  at: Date;
  actorLabel: string;
  actorUserId: string | null;
  actorOrganisationId: string | null;
  entity: string;
  entityId: string;
  action: string;
  before: unknown;
  after: unknown;
  hash: string;
}

/** The log, newest first, filtered; keyset pages (`before` = the last id seen), one query per page. */
export function auditQuery(db: Db, f: AuditLogFilter) {
  let q = db
    .selectFrom('audit_log')
    .select([
      'id',
      'at',
      'actor_label as actorLabel',
      'actor_user_id as actorUserId',
      'actor_organisation_id as actorOrganisationId',
      'entity',
      'entity_id as entityId',
      'action',
      'before',
      'after',
      'hash',
    ]);
  if (f.entity) q = q.where('entity', '=', f.entity);
  if (f.action) q = q.where('action', '=', f.action);
  if (f.actor)
    q = q.where(sql<string>`lower(actor_label)`, 'like', `%${f.actor.toLowerCase().replace(/[\\%_]/g, '\\$&')}%`);
  if (f.from) q = q.where('at', '>=', sql<Date>`${f.from}::date`);
  if (f.to) q = q.where('at', '<', sql<Date>`${f.to}::date + 1`);
  return q;
}

export function auditPage(db: Db, f: AuditLogFilter): Promise<AuditRow[]> {
  let q = auditQuery(db, f);
  if (f.before) q = q.where('id', '<', f.before);
  return q
    .orderBy('id', 'desc')
    .limit(AUDIT_PAGE + 1)
    .execute() as Promise<AuditRow[]>;
}
