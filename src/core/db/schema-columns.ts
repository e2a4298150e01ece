import type { ColumnType } from 'kysely';
import type { Translated } from '../i18n/translated.ts';

/** jsonb holding {kk?, ru?, en?}; written as a JSON string, read as an object. */
export type TranslatedColumn = ColumnType<Translated, string, string>;
/** A timestamptz column: read as a Date, written as a Date or an ISO string. */
export type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
