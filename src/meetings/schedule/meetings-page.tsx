import type { PageContext } from '../../core/html/context.ts';
import { EmptyState } from '../../core/html/empty-state.tsx';
import { TitledPage } from '../../core/html/layout.tsx';
import { MeetingCard } from '../views/cards.tsx';
import { OlderLink } from '../views/parts.tsx';
import type { ListedMeeting } from './list-queries.ts';

function MeetingCards({
  ctx,
  meetings,
  comments,
}: {
  ctx: PageContext;
  meetings: ListedMeeting[];
  comments: ReadonlyMap<string, number>;
}) {
  return (
    <ul class="cards meeting-list">
      {meetings.map((m) => (
        <MeetingCard ctx={ctx} meeting={m} comments={comments.get(m.id)} />
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
  const staff = ctx.can('run-meetings');
  return (
    <TitledPage ctx={ctx} title={i18n.t('meetings.title')} section="meetings">
      {staff && (
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
      <section class="page-section" aria-labelledby="upcoming">
        <h2 id="upcoming">{i18n.t('meetings.upcoming')}</h2>
        {upcoming.length === 0 ? (
          <EmptyState
            text={i18n.t('meetings.noneUpcoming')}
            hint={i18n.t('meetings.noneUpcomingHint')}
            action={staff && { href: `/${lang}/meetings/new`, label: i18n.t('meetings.noneUpcomingAction') }}
          />
        ) : (
          <MeetingCards ctx={ctx} meetings={upcoming} comments={comments} />
        )}
      </section>
      <section class="page-section" aria-labelledby="past">
        <h2 id="past">{i18n.t('meetings.past')}</h2>
        {past.length === 0 ? (
          <EmptyState text={i18n.t('meetings.nonePast')} hint={i18n.t('meetings.nonePastHint')} />
        ) : (
          <MeetingCards ctx={ctx} meetings={past} comments={comments} />
        )}
        <OlderLink ctx={ctx} href={olderHref} />
      </section>
    </TitledPage>
  );
}
