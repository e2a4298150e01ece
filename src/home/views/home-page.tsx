import type { OrganisationCategory } from '../../core/db/schema.ts';
import { ORGANISATION_CATEGORIES } from '../../core/db/schema.ts';
import { assetUrl } from '../../core/html/assets.ts';
import { DateBlock } from '../../core/html/components.tsx';
import type { PageContext } from '../../core/html/context.ts';
import { EmptyState } from '../../core/html/empty-state.tsx';
import { Layout } from '../../core/html/layout.tsx';
import { plain, T } from '../../core/html/text.tsx';
import {
  Agenda,
  type AgendaItemView,
  type BodySummary,
  type MeetingSummary,
  NewsCards,
  type NewsItem,
} from '../../meetings/index.ts';

export interface HomeFigures {
  meetings: { held: number };
  proposals: { submitted: number; answered: number };
  recommendations: { total: number; assessed: number };
}

interface Props {
  ctx: PageContext;
  body: BodySummary | undefined;
  next: { meeting: MeetingSummary; agenda: AgendaItemView[] } | undefined;
  news: NewsItem[];
  figures: HomeFigures;
  members: { category: OrganisationCategory; count: number }[];
}

/** The big numbers: each a figure with its words, in the page's language. */
function Figures({ ctx, figures }: { ctx: PageContext; figures: HomeFigures }) {
  const { i18n } = ctx;
  const { meetings, proposals, recommendations } = figures;
  const items = [
    { value: meetings.held, label: i18n.t('home.figure.meetingsHeld', { count: meetings.held }) },
    {
      value: proposals.answered,
      label: i18n.t('home.figure.proposalsAnswered', {
        count: proposals.answered,
        total: i18n.number(proposals.submitted),
      }),
    },
    {
      value: recommendations.total,
      label: i18n.t('home.figure.recommendations', {
        count: recommendations.total,
        assessed: i18n.number(recommendations.assessed),
      }),
    },
  ];
  return (
    <section class="page-section" aria-labelledby="figures">
      <h2 id="figures">{i18n.t('home.figures')}</h2>
      <ul class="figures">
        {items.map((f) => (
          <li class="figure">
            <span class="figure__value">{i18n.number(f.value)}</span> <span class="figure__label">{f.label}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

function NextMeeting({ ctx, next }: { ctx: PageContext; next: Props['next'] }) {
  const { i18n } = ctx;
  const lang = i18n.lang;
  return (
    <section aria-labelledby="next-meeting" class="page-section next-meeting">
      <h2 id="next-meeting">{i18n.t('home.nextMeeting')}</h2>
      {next ? (
        <article class="card card--meeting">
          <DateBlock value={next.meeting.startsAt} i18n={ctx.i18n} timeZone={next.meeting.timeZone} />
          <div class="card__body">
            <h3 class="card__title">
              <a href={`/${lang}/meetings/${next.meeting.id}`}>
                <T value={next.meeting.title} i18n={i18n} />
              </a>
            </h3>
            <p class="card__meta">
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
          </div>
        </article>
      ) : (
        <EmptyState
          text={i18n.t('home.noNextMeeting')}
          action={{ href: `/${lang}/meetings`, label: i18n.t('home.allMeetings') }}
        />
      )}
    </section>
  );
}

export function HomePage({ ctx, body, next, news, figures, members }: Props) {
  const { i18n } = ctx;
  const lang = i18n.lang;
  const total = members.reduce((sum, m) => sum + m.count, 0);
  const ordered = ORGANISATION_CATEGORIES.flatMap((c) => members.filter((m) => m.category === c));
  return (
    <Layout ctx={ctx} title={body ? plain(body.name, i18n) : i18n.t('home.title')} section="home">
      <section class="hero" aria-labelledby="body-name">
        <img class="brand-mark" src={assetUrl('mark.svg')} alt="" width="96" height="96" />
        <h1 id="body-name">{body ? <T value={body.name} i18n={i18n} /> : i18n.t('site.name')}</h1>
        {body && i18n.pick(body.description) && (
          <p class="lead">
            <T value={body.description} i18n={i18n} />
          </p>
        )}
      </section>

      <NextMeeting ctx={ctx} next={next} />

      <section aria-labelledby="latest-news" class="page-section">
        <h2 id="latest-news">{i18n.t('home.latestNews')}</h2>
        {news.length === 0 ? (
          <EmptyState text={i18n.t('home.noNews')} />
        ) : (
          <>
            <NewsCards ctx={ctx} items={news} comments={new Map()} level={3} />
            <p>
              <a href={`/${lang}/news`}>{i18n.t('home.allNews')}</a>
            </p>
          </>
        )}
      </section>

      <Figures ctx={ctx} figures={figures} />

      <section aria-labelledby="members" class="page-section">
        <h2 id="members">{i18n.t('home.members')}</h2>
        <p>{i18n.t('home.membersSummary', { count: total })}</p>
        <ul class="category-counts">
          {ordered.map((m) => (
            <li>{i18n.t(`category.${m.category}.count`, { count: m.count })}</li>
          ))}
        </ul>
        <p>
          <a href={`/${lang}/organisations`}>{i18n.t('home.allOrganisations')}</a>
        </p>
      </section>
    </Layout>
  );
}
