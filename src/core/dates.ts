/*
 * The one rule for a calendar date anywhere in Kenes (forms, query parameters, imports, the API):
 * a day that exists, in the years 1900–2200. PostgreSQL would take 4713 BC to 5874897 AD but refuses
 * the year 0000 with an error, and no record of a consultative body is dated outside this range.
 */

export const MIN_YEAR = 1900;
export const MAX_YEAR = 2200;

/** "YYYY-MM-DD" for a day that exists within MIN_YEAR–MAX_YEAR; undefined otherwise. */
export function calendarDate(year: number, month: number, day: number): string | undefined {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return undefined;
  if (year < MIN_YEAR || year > MAX_YEAR || month < 1 || month > 12 || day < 1) return undefined;
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return undefined;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Whether `text` is exactly "YYYY-MM-DD" naming a day that exists within MIN_YEAR–MAX_YEAR. */
export function isCalendarDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  return m !== null && calendarDate(Number(m[1]), Number(m[2]), Number(m[3])) !== undefined;
}

/** Whether `text` is "YYYY-MM-DDTHH:MM" (an <input type="datetime-local">) on such a day. */
export function isLocalDateTime(text: string): boolean {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})$/.exec(text);
  return m !== null && isCalendarDate(m[1] as string) && Number(m[2]) <= 23 && Number(m[3]) <= 59;
}

/**
 * The body's time zone: every date and time Kenes shows is in it (a meeting abroad keeps its own zone
 * beside it), and "today" is its today. Kazakhstan keeps one zone, UTC+5, since 1 March 2024.
 */
export const BODY_TIME_ZONE = 'Asia/Almaty';

// Made once: an Intl.DateTimeFormat takes 0.1–0.3 ms to make and 0.01 ms to use (bodyZoneOffset, in every
// page's footer, made one per page: 3.1 s, 5 % of the CPU profile of the hostile-input test's 11,000 requests).
const dayInBodyZone = new Intl.DateTimeFormat('en-CA', {
  timeZone: BODY_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});
const offsetInBodyZone = new Intl.DateTimeFormat('en', { timeZone: BODY_TIME_ZONE, timeZoneName: 'shortOffset' });

/** Today's date ("YYYY-MM-DD") in the body's time zone, at `now`. */
export function todayInBodyZone(now: Date = new Date()): string {
  // en-CA writes dates as YYYY-MM-DD.
  return dayInBodyZone.format(now);
}

/** Whether the calendar date ("YYYY-MM-DD") is not after today in the body's time zone. */
export function notAfterToday(text: string, now: Date = new Date()): boolean {
  return text <= todayInBodyZone(now);
}

/** The body's offset from UTC as people read it, e.g. "GMT+5" (at `now`). */
export function bodyZoneOffset(now: Date = new Date()): string {
  // Every page's footer shows it, and formatToParts costs 30–70 µs (1–3 % of rendering a record page):
  // kept for the minute, since a zone's offset changes on a minute's boundary.
  const minute = Math.floor(now.getTime() / 60_000);
  if (minute === offsetKept.minute) return offsetKept.offset;
  const parts = offsetInBodyZone.formatToParts(now);
  const offset = parts.find((p) => p.type === 'timeZoneName')?.value ?? BODY_TIME_ZONE;
  offsetKept = { minute, offset };
  return offset;
}
let offsetKept = { minute: Number.NaN, offset: '' };
