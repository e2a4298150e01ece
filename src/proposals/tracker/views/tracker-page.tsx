import { ChartFigure, type DrawnChart } from '../../../core/charts/figure.tsx';
import { CommentCount } from '../../../core/comments/views.tsx';
import type { PageContext } from '../../../core/html/context.ts';
import { EmptyState } from '../../../core/html/empty-state.tsx';
import { Select, TextField } from '../../../core/html/fields.tsx';
import { Submit } from '../../../core/html/form.tsx';
import { TitledPage } from '../../../core/html/layout.tsx';
import { ButtonLink, TLink } from '../../../core/html/links.tsx';
import { plain } from '../../../core/html/text.tsx';
import { numberFormat } from '../../../core/i18n/formats.ts';
import type { MessageKey } from '../../../core/i18n/i18n.ts';
import type { Translated } from '../../../core/i18n/translated.ts';
import { SearchedFor } from '../../../core/search/searched-for.tsx';
import { sortByName } from '../../../organisations/index.ts';
import { PROPOSAL_KINDS, TRACKED_STATUSES } from '../../schema.ts';
import { PAGE_SIZE, type TrackerFilter, type TrackerRow } from '../queries.ts';

export type Org = { id: string; name: Translated; category: string };

/** The tracker's filters that choose one of a list. */
type FilterName = 'status' | 'body' | 'author' | 'theme' | 'kind' | 'meeting';

export function TrackerPage({
  ctx,
  rows,
  filter,
  figures,
  medians,
  options,
  query,
  comments,
  chart,
  searchedFor,
}: {
  ctx: PageContext;
  rows: TrackerRow[];
  filter: TrackerFilter;
  figures: { total: number; answered: number; accepted: number };
  medians: { slug: string; name: Translated; median: number; answers: number }[];
  options: {
    themes: { id: string; name: Translated }[];
    organisations: Org[];
    meetings: { id: string; number: number; title: Translated }[];
    /** Organisations that author a proposal the viewer may see (queries.ts authorOptions). */
    authors: Org[];
  };
  query: URLSearchParams;
  /** Published comments per proposal (absent: none). */
  comments: ReadonlyMap<string, number>;
  /** The dashboards' chart of days to answer, over all public proposals whatever the filter (decision 0029). */
  chart?: DrawnChart | undefined;
  /** The query as searched when some of its words were corrected (core/search), else null. */
  searchedFor?: string | null | undefined;
}) {
  const { i18n } = ctx;
  const lang = i18n.lang;
  /** A filter's choices, "any" first (the query's value, or none). */
  const choice = (name: FilterName, label: MessageKey, choices: { value: string; label: string }[]) => (
    <Select
      name={name}
      label={i18n.t(label)}
      value={filter[name] ?? ''}
      options={[{ value: '', label: i18n.t('proposals.any') }, ...choices]}
    />
  );
  const named = (list: { id: string; name: Translated }[]) =>
    list.map((o) => ({ value: o.id, label: plain(o.name, i18n) }));
  const bodies = sortByName(
    options.organisations.filter((o) => o.category === 'state_body'),
    i18n,
  );
  const authors = sortByName(options.authors, i18n);
  const share = figures.answered
    ? numberFormat(lang, { style: 'percent' }).format(figures.accepted / figures.answered)
    : '—';
  const pageHref = (page: number) => {
    const q = new URLSearchParams(query);
    q.set('page', String(page));
    return `/${lang}/proposals?${q.toString()}`;
  };
  return (
    <TitledPage ctx={ctx} title={i18n.t('proposals.title')} section="proposals">
      <p class="lead">{i18n.t('proposals.intro')}</p>
      {ctx.user && ctx.can('act-for-organisation', { organisationId: ctx.user.organisationId }) && (
        <p>
          <ButtonLink href={`/${lang}/proposals/new`}>{i18n.t('proposals.new')}</ButtonLink>
        </p>
      )}
      <p class="tracker-summary">
        <strong>{i18n.t('proposals.count', { count: figures.total })}</strong>;{' '}
        {i18n.t('proposals.acceptedShare', { share })}
      </p>
      <SearchedFor ctx={ctx} text={searchedFor} />
      <form method="get" action={`/${lang}/proposals`} class="filters">
        <TextField name="q" label={i18n.t('proposals.search')} value={filter.q} maxLength={200} />
        {choice(
          'status',
          'proposals.filterStatus',
          TRACKED_STATUSES.map((s) => ({ value: s, label: i18n.t(`proposal.status.${s}`) })),
        )}
        {choice('body', 'proposals.filterBody', named(bodies))}
        {choice('author', 'proposals.filterAuthor', named(authors))}
        {choice('theme', 'proposals.filterTheme', named(options.themes))}
        {choice(
          'kind',
          'proposals.filterKind',
          PROPOSAL_KINDS.map((k) => ({ value: k, label: i18n.t(`proposal.kind.${k}`) })),
        )}
        {choice(
          'meeting',
          'proposals.filterMeeting',
          options.meetings.map((m) => ({
            value: m.id,
            label: `${i18n.t('meeting.number', { number: m.number })}: ${plain(m.title, i18n)}`,
          })),
        )}
        <Select
          name="sort"
          label={i18n.t('proposals.sort')}
          value={filter.sort}
          options={(['newest', 'waiting', 'support'] as const).map((s) => ({
            value: s,
            // With a search, "newest" orders by relevance first (queries.ts), and says so.
            label: i18n.t(s === 'newest' && filter.q ? 'proposals.sort.relevant' : `proposals.sort.${s}`),
          }))}
        />
        <div class="field checkbox">
          <label for="field-overdue">
            <input id="field-overdue" type="checkbox" name="overdue" value="1" checked={filter.overdue} />{' '}
            {i18n.t('proposals.filterOverdue')}
          </label>
        </div>
        <Submit>{i18n.t('proposals.filter')}</Submit>
      </form>
      <p>
        <a href={`/${lang}/proposals.csv?${query.toString()}`}>{i18n.t('proposals.exportCsv')}</a>
      </p>
      {rows.length === 0 && (
        <EmptyState
          text={i18n.t('proposals.none')}
          hint={i18n.t('proposals.noneHint')}
          action={query.toString() !== '' && { href: `/${lang}/proposals`, label: i18n.t('proposals.clearFilters') }}
        />
      )}
      <ul class="proposal-list">
        {rows.map((r) => (
          <li>
            <TLink href={`/${lang}/proposals/${r.id}`} class="meeting-title" value={r.title} i18n={i18n} />{' '}
            <span class="badge">{i18n.t(`proposal.status.${r.status}`)}</span>{' '}
            <span class="muted">{i18n.t(`proposal.kind.${r.kind}`)}</span>
            {r.supportCount > 0 && (
              <>
                {' · '}
                <span class="muted support-count">{i18n.t('proposal.supportCount', { count: r.supportCount })}</span>
              </>
            )}
            {comments.has(r.id) && ' · '}
            <CommentCount ctx={ctx} count={comments.get(r.id)} href={`/${lang}/proposals/${r.id}`} />
            <br />
            <span class="muted">{i18n.t('proposal.authors')}:</span>{' '}
            {i18n.list(r.authors.map((a) => plain(Object.keys(a.shortName).length ? a.shortName : a.name, i18n)))}
            {' · '}
            <span class="muted">{i18n.t('proposal.addressedTo')}:</span>{' '}
            {r.addressees.map((a, i) => (
              <>
                {i > 0 && ', '}
                {plain(Object.keys(a.shortName).length ? a.shortName : a.name, i18n)}
                {a.answer ? (
                  ` (${i18n.t(`proposal.answer.${a.answer}`)})`
                ) : a.overdue ? (
                  <strong class="overdue"> ({i18n.t('proposal.overdue')})</strong>
                ) : (
                  ''
                )}
              </>
            ))}
          </li>
        ))}
      </ul>
      <nav class="button-row" aria-label={i18n.t('proposals.title')}>
        {filter.page > 1 && <a href={pageHref(filter.page - 1)}>{i18n.t('proposals.previous')}</a>}
        {figures.total > filter.page * PAGE_SIZE && <a href={pageHref(filter.page + 1)}>{i18n.t('proposals.next')}</a>}
      </nav>
      {medians.length > 0 && (
        <section aria-labelledby="medians">
          <h2 id="medians">{i18n.t('proposals.medianDays')}</h2>
          <ul>
            {medians.map((m) => (
              <li>
                <TLink href={`/${lang}/organisations/${m.slug}`} value={m.name} i18n={i18n} />:{' '}
                {i18n.t('proposals.days', { count: m.median })}
              </li>
            ))}
          </ul>
        </section>
      )}
      {chart && <ChartFigure chart={chart} i18n={i18n} />}
    </TitledPage>
  );
}
