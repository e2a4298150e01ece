import ical, { escape as icalEscape } from 'ical-generator';
import { icalText, icalUri } from '../../meetings/index.ts';

/** A dated stage of a reporting cycle, as a calendar entry. */
export interface CalendarStage {
  id: string;
  /** The day it happened, or its deadline: 'YYYY-MM-DD'. */
  date: string;
  endsOn: string | null;
  done: boolean;
  summary: string;
  url: string;
}

const addDays = (date: string, days: number) => {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d;
};

/** One VCALENDAR with an all-day VEVENT per stage (its deadline, or the days it took place). */
export function cyclesCalendar(stages: CalendarStage[], opts: { name: string; publicUrl: string }): string {
  const host = new URL(opts.publicUrl).host;
  const calendar = ical({
    prodId: '//Kenes//Kenes reporting cycles//EN',
    name: icalEscape(icalText(opts.name), false),
  });
  for (const s of stages) {
    const url = icalUri(s.url);
    calendar.createEvent({
      id: `cycle-stage-${s.id}@${host}`,
      // A fixed stamp keeps the feed byte-identical until a stage changes.
      stamp: new Date(`${s.date}T00:00:00Z`),
      allDay: true,
      start: new Date(`${s.date}T00:00:00Z`),
      // DTEND of an all-day event is exclusive.
      end: addDays(s.endsOn ?? s.date, 1),
      summary: icalText(s.summary),
      description: url,
      url,
    });
  }
  return `${calendar.toString()}\r\n`;
}
