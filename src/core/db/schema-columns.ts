import type { ColumnType } from 'kysely';
import type { Translated } from '../i18n/translated.ts';

/** jsonb holding {kk?, ru?, en?}; written as a JSON string, read as an object. */
export type TranslatedColumn = ColumnType<Translated, string, string>;
/** A timestamptz column: read as a Date, written as a Date or an ISO string. */
export type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** jsonb translated text with a default ({}): may be left out on insert. */
export type OptionalTranslated = ColumnType<Translated, string | undefined, string>;
/** A timestamptz column without a default: written on insert. */
export type RequiredTimestamp = ColumnType<Date, Date | string, Date | string>;
/** A timestamptz column that stays null until something happens (sent, answered, done…). */
export type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
