import type { FastifyInstance, FastifyReply } from 'fastify';
import type { RouteDeps } from '../../core/extensions.ts';
import { plain } from '../../core/html/text.tsx';
import { notFound } from '../../core/http/http-error.ts';
import { latinCalendar } from '../../core/http/latin-edition.ts';
import { authorize, langRoute, signedIn } from '../../core/http/pages.ts';
import { i18nFor } from '../../core/i18n/i18n.ts';
import { LANGS, type Lang } from '../../core/i18n/locales.ts';
import { readableMeeting } from '../route-support.ts';
import { type CalendarMeeting, meetingsCalendar } from './ical.ts';
import { calendarMeetings, calendarReader, hasCalendarAddress } from './queries.ts';
import { newCalendarAddress } from './use-cases.ts';
import { CalendarPage } from './views.tsx';

/** Sends meetings as an iCalendar file, each linking to its page in the language. */
function sendIcs(
  reply: FastifyReply,
  publicUrl: string,
  meetings: Omit<CalendarMeeting, 'url'>[],
  calendar: { lang: Lang; name: string; filename: string; latinScript?: boolean },
) {
  const { lang, name, filename } = calendar;
  const ics = meetingsCalendar(
    meetings.map((m) => ({ ...m, url: `${publicUrl}/${lang}/meetings/${m.id}` })),
    { lang, name, publicUrl, onlineLabel: i18nFor(lang).t('meeting.onlineUrl') },
  );
  // The personal calendar of a reader of the Latin edition; under /kk-latn/ core transliterates (decision 0018).
  return reply
    .type('text/calendar; charset=utf-8')
    .header('content-disposition', `inline; filename="${filename}"`)
    .send(calendar.latinScript ? latinCalendar(ics) : ics);
}

/** Calendars: one meeting, all public meetings, and a personal feed behind a secret address. */
export function calendarRoutes(app: FastifyInstance, deps: RouteDeps) {
  const db = app.db;
  const { publicUrl } = deps;

  for (const lang of LANGS) {
    app.get<{ Params: { id: string } }>(`/${lang}/meetings/:id.ics`, async (req, reply) => {
      const m = await readableMeeting(db, req.user, req.params.id);
      const name = plain(m.title, i18nFor(lang));
      return sendIcs(reply, publicUrl, [m], { lang, name, filename: `meeting-${m.number}.ics` });
    });
    // What a visitor sees, for anyone to subscribe to: a calendar program sends no session.
    app.get(`/${lang}/meetings.ics`, async (_req, reply) => {
      const meetings = await calendarMeetings(db, null);
      const name = `${i18nFor(lang).t('site.name')} — ${i18nFor(lang).t('meetings.title')}`;
      return sendIcs(reply, publicUrl, meetings, { lang, name, filename: 'meetings.ics' });
    });
  }

  // A personal feed: the meetings the user's organisation is invited to, and all public ones.
  langRoute(app, 'GET', '/account/calendar', async (req, _reply, ctx) => {
    authorize(req, 'manage-own-account');
    const hasAddress = await hasCalendarAddress(db, signedIn(req.user).id);
    return <CalendarPage ctx={ctx} address={undefined} hasAddress={hasAddress} />;
  });

  langRoute(app, 'POST', '/account/calendar', async (req, _reply, ctx) => {
    authorize(req, 'manage-own-account');
    const token = await newCalendarAddress(db, signedIn(req.user));
    return <CalendarPage ctx={ctx} address={`${publicUrl}/calendar/${token}.ics`} hasAddress />;
  });

  app.get<{ Params: { token: string } }>('/calendar/:token.ics', async (req, reply) => {
    const reader = await calendarReader(db, req.params.token);
    if (!reader) throw notFound('calendar');
    const meetings = await calendarMeetings(db, reader);
    const name = i18nFor(reader.locale).t('calendar.title');
    const { locale: lang, latinScript } = reader;
    return sendIcs(reply, publicUrl, meetings, { lang, name, filename: 'kenes.ics', latinScript });
  });

  app.get<{ Params: { id: string } }>('/api/v1/meetings/:id.ics', async (req, reply) => {
    const m = await readableMeeting(db, req.user, req.params.id);
    const name = plain(m.title, i18nFor('en'));
    return sendIcs(reply, publicUrl, [m], { lang: 'en', name, filename: `meeting-${m.number}.ics` });
  });
}
