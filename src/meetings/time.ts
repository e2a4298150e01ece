/*
 * Wall-clock times in a meeting's own time zone. Forms use <input type="datetime-local">, which
 * carries no zone: the meeting's zone turns it into an instant, and back for editing.
 */

import { dateTimeFormat } from '../core/i18n/formats.ts';

/** Zones offered in forms; any other valid IANA zone is accepted too. Kazakhstan is UTC+5 since 2024. */
export const COMMON_TIME_ZONES = [
  'Asia/Almaty',
  'Europe/Zurich', // Geneva's zone: IANA has no Europe/Geneva, and a zone offered must be one Intl knows
  'Europe/Moscow',
  'Europe/Brussels',
  'America/New_York',
  'UTC',
];

export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** The zone's offset from UTC, in minutes, at an instant. */
function offsetMinutes(instant: number, zone: string): number {
  const parts = dateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(instant));
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return Math.round((asUtc - instant) / 60_000);
}

/** "2026-12-10T10:00" in `zone` → the instant; undefined when the text is not such a time. */
export function zonedToUtc(local: string, zone: string): Date | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local);
  if (!m) return undefined;
  const [, y, mo, d, h, mi] = m.map(Number) as [number, number, number, number, number, number];
  // Date.UTC reads years 0–99 as 1900–1999; no meeting is planned that far back anyway.
  if (y < 1900) return undefined;
  const wall = Date.UTC(y, mo - 1, d, h, mi);
  const check = new Date(wall);
  if (check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d || h > 23 || mi > 59) return undefined;
  // Two passes settle the offset across a daylight-saving change.
  let instant = wall - offsetMinutes(wall, zone) * 60_000;
  instant = wall - offsetMinutes(instant, zone) * 60_000;
  return new Date(instant);
}

/** The instant as "YYYY-MM-DDTHH:MM" in `zone`, for a datetime-local input. */
export function utcToZonedInput(instant: Date, zone: string): string {
  const shifted = new Date(instant.getTime() + offsetMinutes(instant.getTime(), zone) * 60_000);
  return shifted.toISOString().slice(0, 16);
}
