import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import ICAL from 'ical.js';
import type { MeetingStatus } from '../../core/db/schema.ts';
import { naughtyStrings } from '../../testing/naughty.ts';
import { type CalendarMeeting, meetingsCalendar } from './ical.ts';

const PUBLIC_URL = 'https://kenes.example.kz';
const OPTS = { lang: 'ru', name: 'Кеңес — заседания', publicUrl: PUBLIC_URL, onlineLabel: 'Ссылка' } as const;

function meeting(over: Partial<CalendarMeeting> = {}): CalendarMeeting {
  return {
    id: '0b6f3f2e-4c1a-4d2b-9a57-1f0e8d7c6b5a',
    number: 12,
    title: { kk: 'Он екінші отырыс', ru: 'Двенадцатое заседание', en: 'Twelfth meeting' },
    description: { kk: 'Күн тәртібі', ru: 'Повестка дня', en: 'Agenda' },
    // 10:00 in Almaty (UTC+5).
    startsAt: new Date('2026-12-05T10:00:00+05:00'),
    endsAt: new Date('2026-12-05T13:30:00+05:00'),
    timeZone: 'Asia/Almaty',
    venue: { kk: 'Астана, Үкімет үйі', ru: 'Астана, Дом правительства' },
    onlineUrl: 'https://meet.example.org/kenes-12',
    format: 'in_person',
    status: 'announced',
    updatedAt: new Date('2026-11-30T08:15:42.789Z'),
    url: `${PUBLIC_URL}/ru/meetings/12`,
    ...over,
  };
}

function parse(ics: string): ICAL.Component {
  return new ICAL.Component(ICAL.parse(ics));
}

function events(ics: string): ICAL.Component[] {
  return parse(ics).getAllSubcomponents('vevent');
}

function only(ics: string): ICAL.Component {
  const all = events(ics);
  assert.equal(all.length, 1);
  return all[0] as ICAL.Component;
}

function text(event: ICAL.Component, name: string): string | null {
  const value = event.getFirstPropertyValue(name);
  assert.ok(value === null || typeof value === 'string', `${name} is not text`);
  return value;
}

/** The unfolded content lines, as a calendar program sees them. */
function contentLines(ics: string): string[] {
  return ics.replace(/\r\n /g, '').split('\r\n').slice(0, -1);
}

/** Checks the framing RFC 5545 demands of every output, whatever the content. */
function assertWellFormed(ics: string): void {
  assert.ok(ics.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n'));
  assert.ok(ics.endsWith('END:VCALENDAR\r\n'), 'the last line ends with CRLF');
  const physical = ics.split('\r\n').slice(0, -1);
  for (const line of physical) {
    assert.ok(Buffer.byteLength(line, 'utf8') <= 75, `longer than 75 octets: ${JSON.stringify(line)}`);
    assert.doesNotMatch(line, /[\r\n]/, 'a bare CR or LF');
    // biome-ignore lint/suspicious/noControlCharactersInRegex: looking for them is the point
    assert.doesNotMatch(line, /[\u0000-\u0008\u000A-\u001F\u007F]/, `a control character in ${JSON.stringify(line)}`);
  }
  for (const line of contentLines(ics)) assert.match(line, /^[A-Z][A-Z0-9-]*[;:]/, `not a content line: ${line}`);
}

/**
 * What a title becomes, written independently of the implementation: line breaks become LF, control
 * characters other than HTAB and LF disappear, and what is then blank counts as missing.
 */
function expectedText(s: string): string | undefined {
  let out = '';
  for (const ch of s.replace(/\r\n|\r/g, '\n')) {
    const c = ch.codePointAt(0) ?? 0;
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a) || c === 0x7f) continue;
    out += ch;
  }
  return out.trim() === '' ? undefined : out;
}

describe('meetings calendar (iCalendar)', () => {
  test('one meeting: every property as calendar programs read it', () => {
    const ics = meetingsCalendar([meeting()], OPTS);
    assertWellFormed(ics);
    const cal = parse(ics);
    assert.equal(cal.getFirstPropertyValue('version'), '2.0');
    assert.match(String(cal.getFirstPropertyValue('prodid')), /^-\/\/Kenes\/\/.+\/\/EN$/);
    assert.equal(cal.getFirstPropertyValue('x-wr-calname'), 'Кеңес — заседания');
    assert.equal(cal.getAllSubcomponents('vtimezone').length, 0);

    const ev = only(ics);
    assert.equal(text(ev, 'uid'), 'meeting-0b6f3f2e-4c1a-4d2b-9a57-1f0e8d7c6b5a@kenes.example.kz');
    assert.equal(text(ev, 'summary'), 'Двенадцатое заседание');
    assert.equal(text(ev, 'description'), `Повестка дня\n\n${PUBLIC_URL}/ru/meetings/12`);
    assert.equal(text(ev, 'location'), 'Астана, Дом правительства');
    assert.equal(ev.getFirstPropertyValue('url'), `${PUBLIC_URL}/ru/meetings/12`);
    assert.equal(text(ev, 'status'), 'CONFIRMED');

    const event = new ICAL.Event(ev);
    assert.equal(event.startDate.zone?.tzid, 'UTC');
    assert.equal(event.startDate.toJSDate().toISOString(), '2026-12-05T05:00:00.000Z');
    assert.equal(event.endDate.toJSDate().toISOString(), '2026-12-05T08:30:00.000Z');
    const lines = contentLines(ics);
    assert.ok(lines.includes('DTSTART:20261205T050000Z'), 'DTSTART is a UTC instant');
    assert.ok(lines.includes('DTEND:20261205T083000Z'), 'DTEND is a UTC instant');
    assert.ok(lines.includes('DTSTAMP:20261130T081542Z'), 'DTSTAMP is the last revision');
    assert.ok(lines.includes('LAST-MODIFIED:20261130T081542Z'));
  });

  test('the same meetings give the same bytes (cacheable), and SEQUENCE grows with updatedAt', () => {
    assert.equal(meetingsCalendar([meeting()], OPTS), meetingsCalendar([meeting()], OPTS));
    const sequence = (updatedAt: Date): number => {
      const value = only(meetingsCalendar([meeting({ updatedAt })], OPTS)).getFirstPropertyValue('sequence');
      assert.ok(typeof value === 'number' && Number.isInteger(value), 'SEQUENCE is an integer');
      return value;
    };
    const before = sequence(new Date('2026-11-30T08:15:42Z'));
    const after = sequence(new Date('2026-11-30T08:15:43Z'));
    const later = sequence(new Date('2090-01-01T00:00:00Z'));
    assert.ok(after > before, 'an edit one second later replaces the event');
    assert.ok(later > after && later < 2 ** 31, 'fits a 32-bit integer');
  });

  test('the UID stays the same across languages and edits', () => {
    const uid = (lang: 'kk' | 'ru' | 'en', over: Partial<CalendarMeeting>) =>
      text(only(meetingsCalendar([meeting(over)], { ...OPTS, lang })), 'uid');
    const first = uid('kk', {});
    assert.equal(uid('en', {}), first);
    assert.equal(uid('ru', { title: { ru: 'Новое название' }, updatedAt: new Date('2027-01-01T00:00:00Z') }), first);
    assert.equal(
      text(only(meetingsCalendar([meeting()], { ...OPTS, publicUrl: 'http://localhost:3000/' })), 'uid'),
      'meeting-0b6f3f2e-4c1a-4d2b-9a57-1f0e8d7c6b5a@localhost:3000',
    );
  });

  test('texts in the requested language, else the fallback of pick()', () => {
    const kk = only(meetingsCalendar([meeting()], { ...OPTS, lang: 'kk' }));
    assert.equal(text(kk, 'summary'), 'Он екінші отырыс');
    assert.equal(text(kk, 'location'), 'Астана, Үкімет үйі');
    const en = only(meetingsCalendar([meeting()], { ...OPTS, lang: 'en' }));
    assert.equal(text(en, 'summary'), 'Twelfth meeting');
    // No English venue: Russian comes first for an English reader.
    assert.equal(text(en, 'location'), 'Астана, Дом правительства');

    const onlyKazakh = meeting({ title: { kk: 'Отырыс', en: '   ' }, description: {} });
    const ev = only(meetingsCalendar([onlyKazakh], { ...OPTS, lang: 'en' }));
    assert.equal(text(ev, 'summary'), 'Отырыс', 'a blank translation counts as missing');
    assert.equal(text(ev, 'description'), `${PUBLIC_URL}/ru/meetings/12`, 'no description: the URL alone');
  });

  test('end defaults to two hours after the start', () => {
    const ev = new ICAL.Event(only(meetingsCalendar([meeting({ endsAt: null })], OPTS)));
    assert.equal(ev.endDate.toJSDate().toISOString(), '2026-12-05T07:00:00.000Z');
  });

  test('location: the venue, the venue and the online link of a hybrid meeting, the link of an online one', () => {
    const hybrid = only(meetingsCalendar([meeting({ format: 'hybrid' })], OPTS));
    assert.equal(text(hybrid, 'location'), 'Астана, Дом правительства · https://meet.example.org/kenes-12');
    assert.match(
      text(hybrid, 'description') ?? '',
      /^Повестка дня\n\nСсылка: https:\/\/meet\.example\.org\/kenes-12\n\n/,
    );
    const online = only(meetingsCalendar([meeting({ format: 'online', venue: { ru: ' ' } })], OPTS));
    assert.equal(text(online, 'location'), 'https://meet.example.org/kenes-12');
    assert.match(text(online, 'description') ?? '', /Ссылка: https:\/\/meet\.example\.org\/kenes-12/);
    // In person, a link left in the form is not offered.
    const inPerson = only(meetingsCalendar([meeting()], OPTS));
    assert.equal(text(inPerson, 'location'), 'Астана, Дом правительства');
    assert.doesNotMatch(text(inPerson, 'description') ?? '', /meet\.example/);
    const nowhere = only(meetingsCalendar([meeting({ venue: {}, onlineUrl: null })], OPTS));
    assert.equal(nowhere.getFirstProperty('location'), null);
  });

  test('status: CANCELLED, TENTATIVE for draft and postponed, CONFIRMED otherwise', () => {
    const expected: Record<MeetingStatus, string> = {
      draft: 'TENTATIVE',
      announced: 'CONFIRMED',
      held: 'CONFIRMED',
      minutes_review: 'CONFIRMED',
      minutes_approved: 'CONFIRMED',
      published: 'CONFIRMED',
      postponed: 'TENTATIVE',
      cancelled: 'CANCELLED',
    };
    for (const [status, ical] of Object.entries(expected) as [MeetingStatus, string][]) {
      assert.equal(text(only(meetingsCalendar([meeting({ status })], OPTS)), 'status'), ical, status);
    }
  });

  test('two meetings give two VEVENTs, in order, with distinct UIDs', () => {
    const second = meeting({
      id: 'a1b2c3d4-0000-4000-8000-000000000013',
      number: 13,
      title: { ru: 'Тринадцатое заседание' },
      status: 'cancelled',
      url: `${PUBLIC_URL}/ru/meetings/13`,
    });
    const ics = meetingsCalendar([meeting(), second], OPTS);
    assertWellFormed(ics);
    const all = events(ics);
    assert.equal(all.length, 2);
    assert.deepEqual(
      all.map((e) => [text(e, 'summary'), text(e, 'status')]),
      [
        ['Двенадцатое заседание', 'CONFIRMED'],
        ['Тринадцатое заседание', 'CANCELLED'],
      ],
    );
    assert.notEqual(text(all[0] as ICAL.Component, 'uid'), text(all[1] as ICAL.Component, 'uid'));
  });

  test('no meetings: a valid calendar with zero events', () => {
    const ics = meetingsCalendar([], OPTS);
    assertWellFormed(ics);
    const cal = parse(ics);
    assert.equal(cal.name, 'vcalendar');
    assert.equal(cal.getAllSubcomponents('vevent').length, 0);
    assert.equal(cal.getFirstPropertyValue('x-wr-calname'), 'Кеңес — заседания');
  });

  test('commas, semicolons, backslashes, newlines, emoji and long Kazakh text are escaped, folded and read back', () => {
    const title = 'Заседание №12; пункт 3, «права человека» \\ ✊🏽 👩‍👩‍👧 — '.repeat(4).trim();
    const description = 'Бірінші жол, екінші; үшінші\\\nЕкінші жол\r\nТретья строка\rҚазақстан 🇰🇿';
    const venue = 'Алматы, пр. Абая 1; зал «Ақ орда»';
    const ics = meetingsCalendar(
      [meeting({ title: { ru: title }, description: { ru: description }, venue: { ru: venue } })],
      OPTS,
    );
    assertWellFormed(ics);
    assert.ok(ics.includes('\r\n '), 'long lines are folded');
    const lines = contentLines(ics);
    const summaryLine = lines.find((l) => l.startsWith('SUMMARY:')) ?? '';
    assert.ok(summaryLine.includes('Заседание №12\\; пункт 3\\, «права человека» \\\\ ✊🏽'), summaryLine);
    const descriptionLine = lines.find((l) => l.startsWith('DESCRIPTION:')) ?? '';
    assert.ok(descriptionLine.includes('үшінші\\\\\\nЕкінші жол\\nТретья строка\\nҚазақстан'), descriptionLine);

    const ev = only(ics);
    assert.equal(text(ev, 'summary'), title);
    assert.equal(
      text(ev, 'description'),
      `Бірінші жол, екінші; үшінші\\\nЕкінші жол\nТретья строка\nҚазақстан 🇰🇿\n\n${PUBLIC_URL}/ru/meetings/12`,
      'CRLF and CR are read back as LF',
    );
    assert.equal(text(ev, 'location'), venue);
  });

  test('a title cannot inject properties or events', () => {
    const title = 'x\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:evil\nSUMMARY:evil';
    const ics = meetingsCalendar([meeting({ title: { ru: title } })], { ...OPTS, name: 'a\r\nX-EVIL:1' });
    assertWellFormed(ics);
    assert.equal(text(only(ics), 'summary'), 'x\nEND:VEVENT\nBEGIN:VEVENT\nUID:evil\nSUMMARY:evil');
    assert.equal(parse(ics).getFirstProperty('x-evil'), null);
  });

  test('the calendar name is escaped as TEXT (ical-generator writes it raw)', () => {
    const name = 'Кеңес, заседания; 2026 \\ архив\nвторая строка';
    const ics = meetingsCalendar([], { ...OPTS, name });
    assertWellFormed(ics);
    // ical.js does not know X-WR-CALNAME and returns it undecoded; decode it as the TEXT it is.
    const raw = parse(ics).getFirstPropertyValue('x-wr-calname');
    assert.equal(raw, 'Кеңес\\, заседания\\; 2026 \\\\ архив\\nвторая строка');
    assert.equal(ICAL.design.icalendar.value.text.fromICAL(raw), name);
  });

  test('the page URL stays a valid URI: no TEXT escapes in URL', () => {
    const url = `${PUBLIC_URL}/ru/meetings/12?tab=a,b;c`;
    const ev = only(meetingsCalendar([meeting({ url })], OPTS));
    assert.equal(ev.getFirstPropertyValue('url'), `${PUBLIC_URL}/ru/meetings/12?tab=a%2Cb%3Bc`);
  });

  test('control characters are removed, a lone surrogate becomes U+FFFD', () => {
    const title = 'The quic\b\b\b\b\b\bk brown fo\u0007\u0007x\u0000\u007f... \u001b[0;31mred\u001b[0m\ttab \ud800';
    const ics = meetingsCalendar([meeting({ title: { ru: title } })], OPTS);
    assertWellFormed(ics);
    assert.equal(text(only(ics), 'summary'), 'The quick brown fox... [0;31mred[0m\ttab \uFFFD');
    const onlyControls = meeting({ title: { ru: '\u0001\u0002\u001b', en: 'Meeting' } });
    assert.equal(
      text(only(meetingsCalendar([onlyControls], OPTS)), 'summary'),
      'Meeting',
      'nothing left after cleaning: the fallback language',
    );
  });

  test('every naughty string survives as title, description and venue', () => {
    const strings = naughtyStrings();
    const FALLBACK = 'Запасное название';
    const ms = strings.map((s, i) =>
      meeting({
        id: `naughty-${i}`,
        title: { ru: s, en: FALLBACK },
        description: { ru: s },
        venue: { ru: s },
        onlineUrl: null,
      }),
    );
    const ics = meetingsCalendar(ms, OPTS);
    assertWellFormed(ics);
    const all = events(ics);
    assert.equal(all.length, strings.length);
    const url = `${PUBLIC_URL}/ru/meetings/12`;
    let exact = 0;
    strings.forEach((s, i) => {
      const ev = all[i] as ICAL.Component;
      const expected = expectedText(s);
      assert.equal(text(ev, 'uid'), `meeting-naughty-${i}@kenes.example.kz`);
      assert.equal(text(ev, 'summary'), expected ?? FALLBACK, `title #${i} ${JSON.stringify(s)}`);
      assert.equal(text(ev, 'description'), expected ? `${expected}\n\n${url}` : url, `description #${i}`);
      assert.equal(text(ev, 'location'), expected ?? null, `venue #${i}`);
      if (expected === s) exact++;
    });
    // Only the 8 empty, blank or control-character strings of the list change; the other 507 are exact.
    assert.equal(strings.length - exact, 8);
  });
});
