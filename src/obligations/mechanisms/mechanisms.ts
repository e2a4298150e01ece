import { createHash } from 'node:crypto';
import { type Actor, audit } from '../../core/audit.ts';
import type { Db } from '../../core/db/database.ts';
import type { RatificationStatus } from '../../core/db/schema-obligations.ts';
import type { Translated } from '../../core/i18n/translated.ts';
import {
  type Problem,
  type RatificationRow,
  type RowProblem,
  ratificationProblems,
  readRatifications,
} from './ratifications-csv.ts';

/*
 * Use cases of the catalogue: editing one treaty's ratification, and importing a table of them.
 * Callers check the policy ('manage-obligations'); each write is one transaction with its audit entry.
 */

/** Today as YYYY-MM-DD in UTC (dates of ratification are calendar dates). */
export function today(): string {
  return new Date().toISOString().slice(0, 10);
}

export interface RatificationData {
  status: RatificationStatus | null;
  signedOn: string | null;
  ratifiedOn: string | null;
  note: Translated;
}

type Stored = {
  status: RatificationStatus | null;
  signedOn: string | null;
  ratifiedOn: string | null;
  note: Translated;
};

function sameNote(a: Translated, b: Translated): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]) as Set<keyof Translated>;
  return [...keys].every((k) => (a[k] ?? '') === (b[k] ?? ''));
}

async function lockMechanisms(trx: Db, ids: string[]) {
  return trx
    .selectFrom('mechanisms')
    .select([
      'id',
      'code',
      'kind',
      'ratification_status as status',
      'signed_on as signedOn',
      'ratified_on as ratifiedOn',
      'ratification_note as note',
    ])
    .where('id', 'in', ids)
    .orderBy('id')
    .forUpdate()
    .execute();
}

export type SaveOutcome =
  | { ok: true; changed: boolean }
  | { ok: false; errors: { field: 'signedOn' | 'ratifiedOn'; key: Problem['key']; params?: Record<string, string> }[] };

/** Records a treaty body's ratification by the home State; unchanged data writes nothing. */
export async function saveRatification(
  db: Db,
  actor: Actor,
  mechanismId: string,
  data: RatificationData,
  todayIs = today(),
): Promise<SaveOutcome> {
  const errors = ratificationProblems(data.status, data.signedOn, data.ratifiedOn, todayIs);
  if (errors.length > 0) return { ok: false, errors };
  return db.transaction().execute(async (trx) => {
    const [before] = await lockMechanisms(trx, [mechanismId]);
    if (before?.kind !== 'treaty_body') throw new Error(`mechanism ${mechanismId} has no treaty`);
    const was: Stored = {
      status: before.status,
      signedOn: before.signedOn,
      ratifiedOn: before.ratifiedOn,
      note: before.note,
    };
    if (
      was.status === data.status &&
      was.signedOn === data.signedOn &&
      was.ratifiedOn === data.ratifiedOn &&
      sameNote(was.note, data.note)
    )
      return { ok: true, changed: false };
    await trx
      .updateTable('mechanisms')
      .set({
        ratification_status: data.status,
        signed_on: data.signedOn,
        ratified_on: data.ratifiedOn,
        ratification_note: JSON.stringify(data.note),
      })
      .where('id', '=', mechanismId)
      .execute();
    await audit(trx, actor, {
      entity: 'mechanism',
      entityId: mechanismId,
      action: 'update-ratification',
      before: { code: before.code, ...was },
      after: { code: before.code, ...data },
    });
    return { ok: true, changed: true };
  });
}

export type ImportOutcome =
  | { ok: true; changed: number; unchanged: number }
  | { ok: false; file: Problem }
  | { ok: false; rows: RowProblem[] };

/**
 * Imports a ratification table: every row is checked first and nothing is written unless all are
 * good; rows equal to what is stored change nothing, so importing the same file again is a no-op
 * (no write, no audit entry). The notes are kept: the table has no column for them. One audit
 * entry lists every change of the import, named by the file's SHA-256.
 */
export async function importRatifications(
  db: Db,
  actor: Actor,
  input: { text: string; filename: string },
  todayIs = today(),
): Promise<ImportOutcome> {
  return db.transaction().execute(async (trx) => {
    const entries = await trx.selectFrom('mechanisms').select(['id', 'code', 'kind', 'name', 'treaty']).execute();
    const read = readRatifications(input.text, entries, todayIs);
    if (!read.ok) return read;
    const rows: RatificationRow[] = read.rows;
    if (rows.length === 0) return { ok: true, changed: 0, unchanged: 0 };
    const current = new Map(
      (
        await lockMechanisms(
          trx,
          rows.map((r) => r.mechanismId),
        )
      ).map((m) => [m.id, m]),
    );
    const changes: { code: string; before: Omit<Stored, 'note'>; after: Omit<Stored, 'note'> }[] = [];
    for (const row of rows) {
      const m = current.get(row.mechanismId);
      if (!m) throw new Error(`mechanism ${row.mechanismId} vanished`);
      if (m.status === row.status && m.signedOn === row.signedOn && m.ratifiedOn === row.ratifiedOn) continue;
      await trx
        .updateTable('mechanisms')
        .set({ ratification_status: row.status, signed_on: row.signedOn, ratified_on: row.ratifiedOn })
        .where('id', '=', row.mechanismId)
        .execute();
      changes.push({
        code: m.code,
        before: { status: m.status, signedOn: m.signedOn, ratifiedOn: m.ratifiedOn },
        after: { status: row.status, signedOn: row.signedOn, ratifiedOn: row.ratifiedOn },
      });
    }
    if (changes.length > 0) {
      await audit(trx, actor, {
        entity: 'ratification_import',
        entityId: createHash('sha256').update(input.text).digest('hex'),
        action: 'import',
        after: { filename: input.filename.slice(0, 255), rows: rows.length, changes },
      });
    }
    return { ok: true, changed: changes.length, unchanged: rows.length - changes.length };
  });
}
