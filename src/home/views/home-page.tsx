import type { OrganisationCategory } from '../../core/db/schema.ts';
import { ORGANISATION_CATEGORIES } from '../../core/db/schema.ts';
import type { PageContext } from '../../core/html/context.ts';
import { Fact } from '../../core/html/facts.tsx';
import { Layout } from '../../core/html/layout.tsx';
import { plain, T } from '../../core/html/text.tsx';
import { Agenda, type AgendaItemView, type BodySummary, type MeetingSummary } from '../../meetings/index.ts';

interface Props {
  ctx: PageContext;
  body: BodySummary | undefined;
  next: { meeting: MeetingSummary; agenda: AgendaItemView[] } | undefined;
  meeting: MeetingSummary | undefined;
  agenda: AgendaItemView[];
  members: { category: OrganisationCategory; count: number }[];
}

export function HomePage({ ctx, body, next, meeting, agenda, members }: Props) {
  const { i18n } = ctx;
  const total = members.reduce((sum, m) => sum + m.count, 0);
  const ordered = ORGANISATION_CATEGORIES.flatMap((c) => members.filter((m) => m.category === c));
  return (
    <Layout ctx={ctx} title={body ? plain(body.name, i18n) : i18n.t('home.title')} section="home">
      <section class="hero" aria-labelledby="body-name">
        <h1 id="body-name">{body ? <T value={body.name} i18n={i18n} /> : i18n.t('site.name')}</h1>
        {body && i18n.pick(body.description) && (
          <p class="lead">
            <T value={body.description} i18n={i18n} />
          </p>
        )}
      </section>

      {next && (
        <section aria-labelledby="next-meeting" class="card next-meeting">
          <h2 id="next-meeting">{i18n.t('home.nextMeeting')}</h2>
          <h3>
            <a href={`/${i18n.lang}/meetings/${next.meeting.id}`}>
              <T value={next.meeting.title} i18n={i18n} />
            </a>
          </h3>
          <p>
            <time datetime={next.meeting.startsAt.toISOString()}>
              {i18n.dateTime(next.meeting.startsAt, next.meeting.timeZone)}
            </time>
            {i18n.pick(next.meeting.venue) && (
              <>
                {' · '}
                <T value={next.meeting.venue} i18n={i18n} />
              </>
            )}
          </p>
          <Agenda ctx={ctx} items={next.agenda} level={4} />
        </section>
      )}
      <div class="columns">
        <section aria-labelledby="latest-meeting" class="card">
          <h2 id="latest-meeting">{i18n.t('home.latestMeeting')}</h2>
          {meeting ? (
            <article>
              <h3>
                <a href={`/${i18n.lang}/meetings/${meeting.id}`}>
                  <T value={meeting.title} i18n={i18n} />
                </a>
              </h3>
              <dl class="facts">
                <Fact term={i18n.t('meeting.when')}>
                  <time datetime={meeting.startsAt.toISOString()}>
                    {i18n.dateTime(meeting.startsAt, meeting.timeZone)}
                  </time>
                </Fact>
                {i18n.pick(meeting.venue) && (
                  <Fact term={i18n.t('meeting.venue')}>
                    <T value={meeting.venue} i18n={i18n} />
                  </Fact>
                )}
                <Fact term={i18n.t('meeting.format')}>{i18n.t(`meeting.format.${meeting.format}`)}</Fact>
                <Fact term={i18n.t('meeting.status')}>{i18n.t(`meeting.status.${meeting.status}`)}</Fact>
              </dl>
              <h4 class="subhead">{i18n.t('home.agenda')}</h4>
              <Agenda ctx={ctx} items={agenda} level={5} />
            </article>
          ) : (
            <p>{i18n.t('home.noMeetings')}</p>
          )}
        </section>

        <section aria-labelledby="members" class="card">
          <h2 id="members">{i18n.t('home.members')}</h2>
          <p>{i18n.t('home.membersSummary', { count: total })}</p>
          <ul class="category-counts">
            {ordered.map((m) => (
              <li>{i18n.t(`category.${m.category}.count`, { count: m.count })}</li>
            ))}
          </ul>
          <p>
            <a href={`/${i18n.lang}/organisations`}>{i18n.t('home.allOrganisations')}</a>
          </p>
        </section>
      </div>
    </Layout>
  );
}
