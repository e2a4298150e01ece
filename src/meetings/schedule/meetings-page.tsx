import { CommentCount } from '../../core/comments/views.tsx';
import type { PageContext } from '../../core/html/context.ts';
import { Layout } from '../../core/html/layout.tsx';
import { T } from '../../core/html/text.tsx';
import type { MeetingSummary } from '../queries.ts';
import { StatusBadge, When } from '../views/parts.tsx';

type ListedMeeting = Omit<MeetingSummary, 'format'> & { visibility: 'public' | 'members' };

function MeetingList({
  ctx,
  meetings,
  comments,
}: {
  ctx: PageContext;
  meetings: ListedMeeting[];
  comments: ReadonlyMap<string, number>;
}) {
  const { i18n } = ctx;
  return (
    <ul class="meeting-list">
      {meetings.map((m) => (
        <li>
          <a href={`/${i18n.lang}/meetings/${m.id}`} class="meeting-title">
            {i18n.t('meeting.number', { number: m.number })}: <T value={m.title} i18n={i18n} />
          </a>
          <br />
          <When ctx={ctx} startsAt={m.startsAt} endsAt={m.endsAt} timeZone={m.timeZone} />{' '}
          <StatusBadge ctx={ctx} status={m.status} />
          {m.visibility === 'members' && <span class="badge">{i18n.t('meetings.membersOnly')}</span>}{' '}
          <CommentCount ctx={ctx} count={comments.get(m.id)} href={`/${i18n.lang}/meetings/${m.id}`} />
        </li>
      ))}
    </ul>
  );
}

export function MeetingsPage({
  ctx,
  upcoming,
  past,
  olderHref,
  calendarHref,
  comments,
}: {
  ctx: PageContext;
  upcoming: ListedMeeting[];
  past: ListedMeeting[];
  olderHref: string | undefined;
  calendarHref: string | undefined;
  /** Published comments per meeting (absent: none). */
  comments: ReadonlyMap<string, number>;
}) {
  const { i18n } = ctx;
  const lang = i18n.lang;
  return (
    <Layout ctx={ctx} title={i18n.t('meetings.title')} section="meetings">
      <h1>{i18n.t('meetings.title')}</h1>
      {ctx.can('run-meetings') && (
        <p>
          <a class="button" href={`/${lang}/meetings/new`}>
            {i18n.t('meetings.new')}
          </a>
        </p>
      )}
      <p>
        <a href={`/${lang}/meetings.ics`}>{i18n.t('meetings.calendarFeed')}</a>
        {calendarHref && (
          <>
            {' · '}
            <a href={calendarHref}>{i18n.t('meetings.myCalendar')}</a>
          </>
        )}
      </p>
      <section aria-labelledby="upcoming">
        <h2 id="upcoming">{i18n.t('meetings.upcoming')}</h2>
        {upcoming.length === 0 ? (
          <p>{i18n.t('meetings.noneUpcoming')}</p>
        ) : (
          <MeetingList ctx={ctx} meetings={upcoming} comments={comments} />
        )}
      </section>
      <section aria-labelledby="past">
        <h2 id="past">{i18n.t('meetings.past')}</h2>
        {past.length === 0 ? (
          <p>{i18n.t('meetings.nonePast')}</p>
        ) : (
          <MeetingList ctx={ctx} meetings={past} comments={comments} />
        )}
        {olderHref && (
          <p>
            <a href={olderHref}>{i18n.t('meetings.older')}</a>
          </p>
        )}
      </section>
    </Layout>
  );
}
