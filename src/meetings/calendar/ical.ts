import ical, { ICalEventStatus, escape as icalEscape } from 'ical-generator';
import type { MeetingStatus } from '../../core/db/schema.ts';
import type { Lang } from '../../core/i18n/locales.ts';
import { pick, type Translated } from '../../core/i18n/translated.ts';

export interface CalendarMeeting {
  id: string;
  number: number;
  title: Translated;
  description: Translated;
  startsAt: Date;
  endsAt: Date | null;
  timeZone: string; // IANA, e.g. 'Asia/Almaty'
  venue: Translated;
  onlineUrl: string | null;
  format: 'in_person' | 'online' | 'hybrid';
  status: MeetingStatus;
  updatedAt: Date;
  url: string; // absolute URL of the meeting's page
}

const DEFAULT_DURATION_MS = 2 * 60 * 60 * 1000;

// Calendar programs store SEQUENCE as a signed 32-bit integer: counting seconds from 2026 (before any
// Kenes data) rather than from 1970 moves the overflow from 2038 to 2094.
const SEQUENCE_EPOCH_MS = Date.UTC(2026, 0, 1);

// A Record, not a switch, so that a new MeetingStatus fails to compile until it is mapped here.
const STATUS: Record<MeetingStatus, ICalEventStatus> = {
  draft: ICalEventStatus.TENTATIVE,
  announced: ICalEventStatus.CONFIRMED,
  held: ICalEventStatus.CONFIRMED,
  minutes_review: ICalEventStatus.CONFIRMED,
  minutes_approved: ICalEventStatus.CONFIRMED,
  published: ICalEventStatus.CONFIRMED,
  postponed: ICalEventStatus.TENTATIVE,
  cancelled: ICalEventStatus.CANCELLED,
};

/**
 * RFC 5545 TEXT admits no control character but HTAB, and ical-generator passes them through; every
 * line break (CRLF, CR, LF) becomes one escaped newline. Lone surrogates cannot be written as UTF-8.
 */
export function icalText(text: string): string {
  return (
    text
      .replace(/\r\n?/g, '\n')
      // biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point
      .replace(/[\u0000-\u0008\u000B-\u001F\u007F]/g, '')
      .replace(/\p{Cs}/gu, '\uFFFD')
  );
}

/** Cleans before picking, so that a translation made only of control characters counts as missing. */
function textIn(value: Translated, lang: Lang): string | undefined {
  const clean: Translated = {};
  for (const [l, text] of Object.entries(value) as [Lang, string | undefined][]) {
    if (typeof text === 'string') clean[l] = icalText(text);
  }
  return pick(clean, lang)?.text;
}

/**
 * ical-generator escapes URI values as if they were TEXT (`\,`), which no client undoes; percent-encoding
 * the two characters it would escape keeps the URL valid and equivalent for our routes.
 */
export function icalUri(url: string): string {
  return new URL(url).href.replaceAll(',', '%2C').replaceAll(';', '%3B');
}

/**
 * One VCALENDAR with one VEVENT per meeting; texts in `lang` with the Translated fallback (pick);
 * `onlineLabel` names the online link in the description ("Online link").
 */
export function meetingsCalendar(
  meetings: CalendarMeeting[],
  opts: { lang: Lang; name: string; publicUrl: string; onlineLabel: string },
): string {
  const host = new URL(opts.publicUrl).host;
  // ical-generator writes NAME and X-WR-CALNAME unescaped: a line break in the name would end the line.
  const calendar = ical({ prodId: '//Kenes//Kenes meetings//EN', name: icalEscape(icalText(opts.name), false) });
  for (const m of meetings) {
    const url = icalUri(m.url);
    const description = textIn(m.description, opts.lang);
    const venue = textIn(m.venue, opts.lang);
    // The online link of an online or hybrid meeting (an in-person meeting's stored link is not offered).
    const online = m.format !== 'in_person' && m.onlineUrl ? icalUri(m.onlineUrl) : undefined;
    const onlineLine = online ? `${opts.onlineLabel}: ${online}` : undefined;
    calendar.createEvent({
      id: `meeting-${m.id}@${host}`,
      sequence: Math.max(0, Math.floor((m.updatedAt.getTime() - SEQUENCE_EPOCH_MS) / 1000)),
      // Without METHOD, RFC 5545 defines DTSTAMP as the last revision, so the feed stays byte-identical
      // until a meeting changes (cacheable) instead of changing at every request.
      stamp: m.updatedAt,
      lastModified: m.updatedAt,
      start: m.startsAt,
      end: m.endsAt ?? new Date(m.startsAt.getTime() + DEFAULT_DURATION_MS),
      summary: textIn(m.title, opts.lang) ?? '',
      description: [description, onlineLine, url].filter(Boolean).join('\n\n'),
      // Where to be: the venue, and for a hybrid meeting the link beside it; online, the link alone.
      location: [venue, online].filter(Boolean).join(' · ') || null,
      url,
      status: STATUS[m.status],
    });
  }
  // RFC 5545 ends every content line with CRLF, the last one included; ical-generator omits it.
  return `${calendar.toString()}\r\n`;
}
