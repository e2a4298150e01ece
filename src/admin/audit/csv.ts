import type { AuditFilter } from '../../accounts/index.ts';
import type { Db } from '../../core/db/database.ts';
import { csvStream } from '../../core/http/csv.ts';
import { auditQuery } from './queries.ts';

const HEADER = [
  'id',
  'at',
  'actor',
  'actor_user_id',
  'actor_organisation_id',
  'entity',
  'entity_id',
  'action',
  'before',
  'after',
  'hash',
];

/** The filtered log as CSV, streamed in keyset batches of 1,000: memory stays flat however long the log is. */
export function auditCsv(db: Db, filter: ReturnType<typeof AuditFilter.parse>) {
  async function* batches() {
    let before: string | undefined;
    for (;;) {
      let q = auditQuery(db, filter);
      if (before) q = q.where('id', '<', before);
      const rows = await q.orderBy('id', 'desc').limit(1000).execute();
      for (const r of rows) {
        yield [
          r.id,
          r.at.toISOString(),
          r.actorLabel,
          r.actorUserId ?? '',
          r.actorOrganisationId ?? '',
          r.entity,
          r.entityId,
          r.action,
          r.before === null ? '' : JSON.stringify(r.before),
          r.after === null ? '' : JSON.stringify(r.after),
          r.hash,
        ];
      }
      if (rows.length < 1000) return;
      before = rows.at(-1)?.id;
    }
  }
  return csvStream(HEADER, batches());
}
