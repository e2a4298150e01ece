import { sql } from 'kysely';
import { audit, userActor } from '../../core/audit.ts';
import { insertAudited, lockedRow, updateAudited } from '../../core/audited-writes.ts';
import { authorizeUser } from '../../core/auth/policy.ts';
import type { CurrentUser } from '../../core/auth/user.ts';
import type { Db } from '../../core/db/database.ts';
import type { CycleDocumentKind, CycleStageKind } from '../../core/db/schema-obligations.ts';
import type { FieldErrors, Outcome } from '../../core/http/forms.ts';
import { HttpError } from '../../core/http/http-error.ts';
import type { I18n } from '../../core/i18n/i18n.ts';
import type { Translated } from '../../core/i18n/translated.ts';
import { setAgendaItemCycle } from '../../meetings/index.ts';
import { cycleExists } from './queries.ts';

/** Use cases of reporting cycles: policy, one transaction, audit. */

const json = (v: unknown) => JSON.stringify(v);

export interface CycleData {
  mechanismId: string;
  stateCode: string;
  number: number | undefined;
  /** The mechanism's session at which the State was reviewed: imported rows naming it join the cycle. */
  session: number | undefined;
  title: Translated;
  description: Translated;
}

async function checkCycle(db: Db, data: CycleData, i18n: I18n, exceptId?: string): Promise<FieldErrors | undefined> {
  const mechanism = await db
    .selectFrom('mechanisms')
    .select('id')
    .where('id', '=', data.mechanismId)
    .executeTakeFirst();
  if (!mechanism) return { mechanismId: i18n.t('validation.choice') };
  if (data.number !== undefined) {
    const clash = await db
      .selectFrom('reporting_cycles')
      .select('id')
      .where('mechanism_id', '=', data.mechanismId)
      .where('state_code', '=', data.stateCode)
      .where('number', '=', data.number)
      .$if(exceptId !== undefined, (q) => q.where('id', '!=', exceptId ?? ''))
      .executeTakeFirst();
    if (clash) return { number: i18n.t('obligations.cycleExists') };
  }
  return undefined;
}

/** A cycle's columns as the form gives them. */
function cycleColumns(data: CycleData) {
  return {
    mechanism_id: data.mechanismId,
    state_code: data.stateCode,
    number: data.number ?? null,
    session: data.session ?? null,
    title: json(data.title),
    description: json(data.description),
  };
}

export async function createCycle(db: Db, user: CurrentUser, data: CycleData, i18n: I18n): Promise<Outcome<string>> {
  authorizeUser(user, 'manage-obligations');
  const errors = await checkCycle(db, data, i18n);
  if (errors) return { ok: false, errors };
  return db.transaction().execute(async (trx) => {
    const id = await insertAudited(trx, user, {
      table: 'reporting_cycles',
      values: { ...cycleColumns(data), created_by: user.id },
      entity: 'reporting_cycle',
      after: data,
    });
    return { ok: true as const, value: id };
  });
}

export async function updateCycle(
  db: Db,
  user: CurrentUser,
  id: string,
  data: CycleData,
  i18n: I18n,
): Promise<Outcome> {
  authorizeUser(user, 'manage-obligations');
  const errors = await checkCycle(db, data, i18n, id);
  if (errors) return { ok: false, errors };
  return db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom('reporting_cycles')
      .selectAll()
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
    if (!before) throw new HttpError(404, `cycle ${id}`);
    await updateAudited(trx, user, {
      table: 'reporting_cycles',
      id,
      set: cycleColumns(data),
      entity: 'reporting_cycle',
      action: 'update',
      before,
      after: data,
    });
    return { ok: true as const, value: undefined };
  });
}

export interface StageData {
  kind: CycleStageKind;
  dueOn: string | undefined;
  doneOn: string | undefined;
  endsOn: string | undefined;
  /** The note in the language it was typed in; other languages of a stored note are kept. */
  note: { lang: keyof Translated; text: string | undefined };
}

/** Records all stages of a cycle at once: a stage with neither date is removed. */
export async function setStages(
  db: Db,
  user: CurrentUser,
  cycleId: string,
  stages: StageData[],
  i18n: I18n,
): Promise<Outcome> {
  authorizeUser(user, 'manage-obligations');
  const errors: FieldErrors = {};
  for (const s of stages) {
    const start = s.doneOn ?? s.dueOn;
    if (s.endsOn && (!start || s.endsOn < start)) errors[`${s.kind}_ends`] = i18n.t('validation.dateOrder');
    if (!s.dueOn && !s.doneOn && (s.endsOn || s.note.text))
      errors[`${s.kind}_due`] = i18n.t('obligations.stageNeedsDate');
  }
  if (Object.keys(errors).length) return { ok: false, errors };
  return db.transaction().execute(async (trx) => {
    await lockedRow(trx, 'reporting_cycles', cycleId, ['id'], 'cycle');
    const before = await trx.selectFrom('cycle_stages').selectAll().where('cycle_id', '=', cycleId).execute();
    for (const s of stages) {
      const old = before.find((b) => b.kind === s.kind);
      if (!s.dueOn && !s.doneOn) {
        if (old) await trx.deleteFrom('cycle_stages').where('id', '=', old.id).execute();
        continue;
      }
      const note: Translated = { ...(old?.note ?? {}) };
      if (s.note.text) note[s.note.lang] = s.note.text;
      else delete note[s.note.lang];
      const values = {
        due_on: s.dueOn ?? null,
        done_on: s.doneOn ?? null,
        ends_on: s.endsOn ?? null,
        note: json(note),
      };
      if (old) {
        const changedDue = old.due_on !== values.due_on;
        await trx
          .updateTable('cycle_stages')
          // A moved deadline deserves a new reminder.
          .set({ ...values, ...(changedDue ? { reminded_at: null } : {}) })
          .where('id', '=', old.id)
          .execute();
      } else {
        await trx
          .insertInto('cycle_stages')
          .values({ cycle_id: cycleId, kind: s.kind, ...values })
          .execute();
      }
    }
    await audit(trx, userActor(user), {
      entity: 'reporting_cycle',
      entityId: cycleId,
      action: 'stages',
      before,
      after: stages,
    });
    return { ok: true as const, value: undefined };
  });
}

export interface DocumentData {
  kind: CycleDocumentKind;
  symbol: string | undefined;
  title: Translated;
  issuedOn: string | undefined;
  url: string | undefined;
  organisationId: string | undefined;
}

/** Adds a document to a cycle, by link or with a stored file (inside the caller's transaction). */
export async function addCycleDocument(
  trx: Db,
  user: CurrentUser,
  cycleId: string,
  data: DocumentData,
  fileId: string | null,
): Promise<string> {
  authorizeUser(user, 'manage-obligations');
  const row = await trx
    .insertInto('cycle_documents')
    .values({
      cycle_id: cycleId,
      kind: data.kind,
      symbol: data.symbol ?? null,
      title: json(data.title),
      issued_on: data.issuedOn ?? null,
      url: data.url ?? null,
      file_id: fileId,
      organisation_id: data.organisationId ?? null,
      created_by: user.id,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  // The recommendations of this document (same symbol, State and mechanism) join the cycle.
  let attached = 0;
  if (data.symbol) {
    const result = await sql`
      UPDATE recommendations r SET cycle_id = c.id, updated_at = now()
        FROM reporting_cycles c
       WHERE c.id = ${cycleId} AND r.cycle_id IS NULL AND r.symbol = ${data.symbol}
         AND r.state_code = c.state_code AND r.mechanism_id = c.mechanism_id`.execute(trx);
    attached = Number(result.numAffectedRows ?? 0);
  }
  await audit(trx, userActor(user), {
    entity: 'cycle_document',
    entityId: row.id,
    action: 'create',
    after: { cycleId, ...data, fileId, recommendationsAttached: attached },
  });
  return row.id;
}

/** Adds a document by link (no file): its own transaction. */
export async function addLinkedCycleDocument(db: Db, user: CurrentUser, cycleId: string, data: DocumentData) {
  return db.transaction().execute((trx) => addCycleDocument(trx, user, cycleId, data, null));
}

export async function removeCycleDocument(db: Db, user: CurrentUser, cycleId: string, id: string): Promise<void> {
  authorizeUser(user, 'manage-obligations');
  await db.transaction().execute(async (trx) => {
    const before = await trx
      .deleteFrom('cycle_documents')
      .where('id', '=', id)
      .where('cycle_id', '=', cycleId)
      .returningAll()
      .executeTakeFirst();
    if (!before) throw new HttpError(404, `document ${id}`);
    await audit(trx, userActor(user), { entity: 'cycle_document', entityId: id, action: 'delete', before });
  });
}

/** Links an agenda item to a reporting cycle (or unlinks it): the meetings domain writes it; obligations says whether the cycle exists. */
export async function linkAgendaItem(
  db: Db,
  user: CurrentUser,
  agendaItemId: string,
  cycleId: string | null,
): Promise<void> {
  await setAgendaItemCycle(db, user, agendaItemId, cycleId, cycleExists);
}
