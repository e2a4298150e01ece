import { type Expression, type RawBuilder, type SelectQueryBuilder, sql } from 'kysely';
import type { Db } from '../db/database.ts';
import type { Dataset, DatasetCell, DatasetColumn, DatasetSummary } from '../extensions.ts';
import type { I18n, MessageKey } from '../i18n/i18n.ts';
import type { Translated } from '../i18n/translated.ts';
import { editionPrefix } from './edition.ts';

/*
 * What a domain's datasets.ts builds its datasets with (decision 0028): the summary's columns (count,
 * last change, the stamp of the rows' versions), keyset batches, and cells in the page's language.
 */

/** Rows read per query: a batch becomes CSV, JSON and deflated zip in a few milliseconds. */
export const BATCH = 500;

/**
 * The summary's three columns, to select over the dataset's public rows: `rows`, `lastChange` (the
 * latest of `changed`) and `stamp`, the sum of the row versions (`xmin`) of the tables aliased in
 * `tables` — every table whose row the dataset reads or whose row decides its visibility (or
 * `rowVersions` of rows a subquery reads). A committed
 * insert or delete changes the count, an update gives its row a newer transaction id: the stamp changes.
 */
export function summaryColumns(
  changed: Expression<unknown> | string,
  tables: readonly (string | Expression<unknown>)[],
) {
  const versions = sql.join(
    tables.map((t) =>
      typeof t === 'string' ? sql`coalesce(${sql.ref(`${t}.xmin`)}::text::numeric, 0)` : sql`coalesce(${t}, 0)`,
    ),
    sql` + `,
  );
  const last = typeof changed === 'string' ? sql.ref(changed) : changed;
  return [
    sql<number>`count(*)::int`.as('rows'),
    sql<Date | null>`max(${last})`.as('lastChange'),
    sql<string>`count(*) || ':' || coalesce(sum(${versions}), 0)`.as('stamp'),
  ] as const;
}

/** The stamp of the rows a correlated subquery reads (e.g. a proposal's authors): `rowVersions('proposal_authors a', 'a.proposal_id = p.id')`. */
export function rowVersions(from: string, where: RawBuilder<boolean>): RawBuilder<number> {
  const [table, alias] = from.split(' ') as [string, string];
  return sql<number>`(SELECT sum(${sql.ref(`${alias}.xmin`)}::text::numeric) FROM ${sql.table(table)} AS ${sql.id(alias)} WHERE ${where})`;
}

/** A summary row as PostgreSQL returned it. */
export function summaryOf(row: { rows: number; lastChange: Date | string | null; stamp: string }): DatasetSummary {
  const last = row.lastChange === null ? null : new Date(row.lastChange);
  return { rows: Number(row.rows), lastChange: last, stamp: String(row.stamp) };
}

/**
 * The rows of `page` in batches by id: `page(afterId, limit)` returns the next rows after `afterId`
 * (null: from the first) in the order of their ids; `cells` turns each into its row of cells.
 */
export async function* keysetBatches<R extends { id: string }>(
  page: (afterId: string | null, limit: number) => Promise<R[]>,
  cells: (row: R) => readonly DatasetCell[],
): AsyncGenerator<readonly (readonly DatasetCell[])[]> {
  let after: string | null = null;
  for (;;) {
    const rows: R[] = await page(after, BATCH);
    if (rows.length > 0) yield rows.map(cells);
    if (rows.length < BATCH) return;
    after = (rows[rows.length - 1] as R).id;
  }
}

/** A keyset condition on an id column (bigint): after `afterId`, or TRUE for the first batch. */
export function afterId(column: string, id: string | null): RawBuilder<boolean> {
  return id === null ? sql<boolean>`TRUE` : sql<boolean>`${sql.ref(column)} > ${id}::bigint`;
}

/** A user-written text in the page's language (or its fallback), or null. */
export function text(i18n: I18n, value: Translated | null | undefined): string | null {
  return i18n.pick(value)?.text ?? null;
}

/** A code's label in the page's language, from the domain's message keys (`prefix` + code). */
export function label(i18n: I18n, prefix: string, code: string | null): string | null {
  return code === null ? null : i18n.t(`${prefix}${code}` as MessageKey);
}

/** A moment as ISO 8601 (UTC), a day as it is. */
export function iso(value: Date | string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  return value instanceof Date ? value.toISOString() : String(value);
}

/** A column with the way to read its cell from a row of the dataset's query. */
export interface DatasetField<R> extends DatasetColumn {
  value(row: R, i18n: I18n): DatasetCell;
}

/** A message key whose description has its own key beside it: `${key}.about`. */
export type DescribedKey<K extends MessageKey> = `${K}.about` extends MessageKey ? K : never;

/**
 * A dataset from its query: `key` names it (its title; `${key}.about` its description), `from` gives
 * the public rows (the tables joined, the visibility rule applied), `select` what a row reads of them;
 * the summary's columns and the keyset batches run over `from` (the batches by the id of the first of
 * `tables`). Then `.columns([...])` gives each column after the record's id (or pair: `codeFields`)
 * with the way to read its cell — the column and its value written side by side, so the data
 * dictionary cannot drift from the file. (Two steps, so that the compiler knows the rows' type before
 * the columns.)
 */
export function defineDataset<D, TB extends keyof D, O, R extends { id: string }, K extends MessageKey>(spec: {
  id: string;
  key: DescribedKey<K>;
  /** What the id column holds, when it is not the record's own number (`openData.col.id`). */
  idDescription?: MessageKey;
  from(db: Db): SelectQueryBuilder<D, TB, O>;
  select(rows: SelectQueryBuilder<D, TB, O>): SelectQueryBuilder<D, TB, R>;
  /** When a row last changed (the summary's `lastChange`). */
  changed: Expression<unknown> | string;
  /**
   * The alias of the table whose rows the dataset lists (its `id` orders the batches), then the
   * other tables of `summaryColumns`: every one whose row the dataset reads or whose row decides its visibility.
   */
  tables: readonly [string, ...(string | Expression<unknown>)[]];
}): { columns(fields: readonly (DatasetField<R> | readonly DatasetField<R>[])[]): Dataset } {
  const key = `${spec.tables[0]}.id`;
  const summary = (db: Db) =>
    spec.from(db).select(summaryColumns(spec.changed, spec.tables)).executeTakeFirst() as Promise<
      { rows: number; lastChange: Date | string | null; stamp: string } | undefined
    >;
  const page = (db: Db, after: string | null, limit: number) =>
    spec.select(spec.from(db)).where(afterId(key, after)).orderBy(sql.ref(key)).limit(limit).execute() as Promise<R[]>;
  return {
    columns: (given) => {
      const fields = [idField<R>(spec.idDescription), ...given.flat()] as DatasetField<R>[];
      return {
        id: spec.id,
        title: spec.key,
        description: `${spec.key}.about` as MessageKey,
        columns: fields.map(({ name, type, description }) => ({ name, type, description })),
        async summary(db) {
          return summaryOf((await summary(db)) ?? { rows: 0, lastChange: null, stamp: '0' });
        },
        rows: (db, i18n) =>
          keysetBatches(
            (after, limit) => page(db, after, limit),
            (row) => fields.map((f) => f.value(row, i18n)),
          ),
      };
    },
  };
}

/** The record's id, as a number: every dataset's first column. */
function idField<R extends { id: string }>(description: MessageKey = 'openData.col.id'): DatasetField<R> {
  return { name: 'id', type: 'integer', description, value: (r) => Number(r.id) };
}

/** A reference to another record's id (null when none). */
export function refField<R>(name: string, description: MessageKey, ref: (r: R) => string | null): DatasetField<R> {
  return { name, type: 'integer', description, value: (r) => (ref(r) === null ? null : Number(ref(r))) };
}

/** A user-written text in the file's language. */
export function textField<R>(name: string, description: MessageKey, get: (r: R) => Translated | null): DatasetField<R> {
  return { name, type: 'string', description, value: (r, i18n) => text(i18n, get(r)) };
}

/** A message key whose label column has its own key beside it: `${key}Label`. */
export type LabelledKey<K extends MessageKey> = `${K}Label` extends MessageKey ? K : never;

/**
 * A coded value as two columns: the stable code (`name`, described by `description`) and its label
 * (`name_label`, described by `${description}Label`) in the file's language.
 */
export function codeFields<R, K extends MessageKey>(
  name: string,
  description: LabelledKey<K>,
  prefix: string,
  get: (r: R) => string | null,
): DatasetField<R>[] {
  return [
    { name, type: 'string', description, value: (r) => get(r) },
    {
      name: `${name}_label`,
      type: 'string',
      description: `${description}Label` as MessageKey,
      value: (r, i18n) => label(i18n, prefix, get(r)),
    },
  ];
}

/** A moment (`datetime`) or a day (`date`). */
export function timeField<R>(
  name: string,
  type: 'date' | 'datetime',
  description: MessageKey,
  get: (r: R) => Date | string | null,
): DatasetField<R> {
  return { name, type, description, value: (r) => iso(get(r)) };
}

/** When the record last changed (`updated_at`). */
export function updatedField<R extends { updated_at: Date | string | null }>(): DatasetField<R> {
  return timeField('updated_at', 'datetime', 'openData.col.updatedAt', (r) => r.updated_at);
}

/** The organisation a row names: its id (`organisation_id`) and its name in the file's language (`organisation`). */
export function organisationFields<
  R extends { organisation_id: string | null; organisation: Translated | null },
>(): DatasetField<R>[] {
  return [
    refField('organisation_id', 'openData.col.organisationId', (r) => r.organisation_id),
    textField('organisation', 'openData.col.organisation', (r) => r.organisation),
  ];
}

/** The path of the record's page in the file's edition (/kk-latn/… in the Latin one). */
export function urlField<R>(path: (r: R) => string): DatasetField<R> {
  return {
    name: 'url',
    type: 'string',
    description: 'openData.col.url',
    value: (r, i18n) => `/${editionPrefix(i18n)}${path(r)}`,
  };
}
