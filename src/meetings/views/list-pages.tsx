import type { MeetingStatus } from '../../core/db/schema.ts';
import type { PageContext } from '../../core/html/context.ts';
import { Layout } from '../../core/html/layout.tsx';
import { T } from '../../core/html/text.tsx';
import type { Translated } from '../../core/i18n/translated.ts';
import type { TaskRow } from '../queries.ts';
import { Paragraphs, StatusBadge, TaskTable, When } from './parts.tsx';

interface ListedMeeting {
  id: string;
  number: number;
  title: Translated;
  startsAt: Date;
  endsAt: Date | null;
  timeZone: string;
  venue: Translated;
  status: MeetingStatus;
  visibility: 'public' | 'members';
}

function MeetingList({ ctx, meetings }: { ctx: PageContext; meetings: ListedMeeting[] }) {
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
          {m.visibility === 'members' && <span class="badge">{i18n.t('meetings.membersOnly')}</span>}
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
}: {
  ctx: PageContext;
  upcoming: ListedMeeting[];
  past: ListedMeeting[];
  olderHref: string | undefined;
  calendarHref: string | undefined;
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
          <MeetingList ctx={ctx} meetings={upcoming} />
        )}
      </section>
      <section aria-labelledby="past">
        <h2 id="past">{i18n.t('meetings.past')}</h2>
        {past.length === 0 ? <p>{i18n.t('meetings.nonePast')}</p> : <MeetingList ctx={ctx} meetings={past} />}
        {olderHref && (
          <p>
            <a href={olderHref}>{i18n.t('meetings.older')}</a>
          </p>
        )}
      </section>
    </Layout>
  );
}

export function TasksPage({ ctx, tasks }: { ctx: PageContext; tasks: TaskRow[] }) {
  const { i18n } = ctx;
  return (
    <Layout ctx={ctx} title={i18n.t('tasks.title')} section="meetings">
      <h1>{i18n.t('tasks.title')}</h1>
      <TaskTable ctx={ctx} tasks={tasks} showMeeting />
    </Layout>
  );
}

interface NewsItem {
  id: string;
  title: Translated;
  body: Translated;
  publishedAt: Date;
  meetingId: string;
  meetingNumber: number;
}

export function NewsPage({
  ctx,
  items,
  olderHref,
}: {
  ctx: PageContext;
  items: NewsItem[];
  olderHref: string | undefined;
}) {
  const { i18n } = ctx;
  const lang = i18n.lang;
  return (
    <Layout ctx={ctx} title={i18n.t('news.title')} section="news">
      <h1>{i18n.t('news.title')}</h1>
      <p>
        <a href={`/${lang}/news.atom`} type="application/atom+xml">
          {i18n.t('news.feed')}
        </a>
      </p>
      {items.length === 0 && <p>{i18n.t('news.none')}</p>}
      {items.map((n) => (
        <article class="news-item" aria-labelledby={`news-${n.id}`}>
          <h2 id={`news-${n.id}`}>
            <a href={`/${lang}/news/${n.id}`}>
              <T value={n.title} i18n={i18n} />
            </a>
          </h2>
          <p class="muted">
            <time datetime={n.publishedAt.toISOString()}>{i18n.date(n.publishedAt)}</time> ·{' '}
            <a href={`/${lang}/meetings/${n.meetingId}`}>{i18n.t('news.meeting', { number: n.meetingNumber })}</a>
          </p>
          <p>{excerpt(i18n.pick(n.body)?.text ?? '')}</p>
        </article>
      ))}
      {olderHref && (
        <p>
          <a href={olderHref}>{i18n.t('meetings.older')}</a>
        </p>
      )}
    </Layout>
  );
}

function excerpt(text: string): string {
  const first = text.split(/\n{2,}/)[0] ?? '';
  return first.length > 400 ? `${first.slice(0, first.lastIndexOf(' ', 400))}…` : first;
}

export function NewsItemPage({ ctx, item }: { ctx: PageContext; item: NewsItem }) {
  const { i18n } = ctx;
  return (
    <Layout ctx={ctx} title={i18n.pick(item.title)?.text ?? ''} section="news">
      <nav class="breadcrumbs" aria-label={i18n.t('news.title')}>
        <a href={`/${i18n.lang}/news`}>{i18n.t('news.title')}</a>
      </nav>
      <article>
        <h1>
          <T value={item.title} i18n={i18n} />
        </h1>
        <p class="muted">
          <time datetime={item.publishedAt.toISOString()}>{i18n.date(item.publishedAt)}</time> ·{' '}
          <a href={`/${i18n.lang}/meetings/${item.meetingId}`}>
            {i18n.t('news.meeting', { number: item.meetingNumber })}
          </a>
        </p>
        <Paragraphs ctx={ctx} value={item.body} />
      </article>
    </Layout>
  );
}

export function CalendarPage({
  ctx,
  address,
  hasAddress,
}: {
  ctx: PageContext;
  address: string | undefined;
  hasAddress: boolean;
}) {
  const { i18n } = ctx;
  return (
    <Layout ctx={ctx} title={i18n.t('calendar.title')} section="account">
      <h1>{i18n.t('calendar.title')}</h1>
      <p>{i18n.t('calendar.intro')}</p>
      {address && (
        <div class="flash">
          <p>{i18n.t('calendar.address')}</p>
          <p>
            <code class="calendar-address">{address}</code>
          </p>
        </div>
      )}
      {!address && hasAddress && <p>{i18n.t('calendar.hasAddress')}</p>}
      <form method="post" action={`/${i18n.lang}/account/calendar`} class="stacked">
        <input type="hidden" name="_csrf" value={ctx.csrfToken} />
        <p>
          <button type="submit" class="button">
            {hasAddress || address ? i18n.t('calendar.renew') : i18n.t('calendar.create')}
          </button>
        </p>
      </form>
    </Layout>
  );
}
