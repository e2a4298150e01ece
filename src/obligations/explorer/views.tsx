import { CommentCount } from '../../core/comments/views.tsx';
import type { PageContext } from '../../core/html/context.ts';
import { Submit } from '../../core/html/form.tsx';
import { Layout } from '../../core/html/layout.tsx';
import { PickedText, plain, T } from '../../core/html/text.tsx';
import { collator } from '../../core/i18n/formats.ts';
import type { I18n, MessageKey } from '../../core/i18n/i18n.ts';
import type { Picked } from '../../core/i18n/translated.ts';
import { SearchedFor } from '../../core/search/searched-for.tsx';
import { stateName } from '../states.ts';
import type { FacetCounts, FacetValue } from './facets.ts';
import { type ExplorerFilter, FACETS, type Facet, filterQuery, RESPONSE_VALUES, STATUS_VALUES } from './filter.ts';
import type { ExplorerRow } from './queries.ts';

interface Option {
  value: string;
  label: string;
  count: number;
  checked: boolean;
  /** SDG targets sit under their goal. */
  nested?: boolean;
  /**
   * A text after the label (an SDG goal's name, a target's wording), shown as every user text is:
   * in another language with its `lang` and the "not translated" mark (the targets are English only).
   */
  text?: Picked;
  /** The text is the whole label (a theme's, a group's or a body's name): shown alone, marked as above. */
  textOnly?: boolean;
}

/** A facet's values as checkbox options, named and ordered for the reader. */
function optionsOf(facet: Facet, values: FacetValue[], filter: ExplorerFilter, i18n: I18n): Option[] {
  const lang = i18n.lang;
  const selected = new Set((filter[facet] as (string | number)[]).map(String));
  const order = collator(lang, {});
  const option = (v: FacetValue, label: string, nested = false, text?: Picked): Option => ({
    value: v.value,
    label,
    count: v.count,
    checked: selected.has(v.value),
    nested,
    text,
  });
  const byCount = (a: Option, b: Option) => b.count - a.count || order.compare(a.label, b.label);
  switch (facet) {
    case 'state':
      return values.map((v) => option(v, stateName(v.value, lang))).sort((a, b) => order.compare(a.label, b.label));
    case 'mechanism':
      return [...values]
        .sort((a, b) => (a.position ?? 0) - (b.position ?? 0))
        .map((v) => option(v, `${v.value} — ${plain(v.label, i18n)}`));
    case 'cycle':
      return values
        .map((v) =>
          option(
            v,
            `${plain(v.label, i18n) || v.value} (${[v.stateCode && stateName(v.stateCode, lang), v.mechanismCode]
              .filter(Boolean)
              .join(', ')})`,
          ),
        )
        .sort(byCount);
    case 'theme':
    case 'group':
    case 'body':
      return values
        .map((v) => {
          const name = i18n.pick(v.label);
          return name?.text
            ? { ...option(v, name.text, false, name), textOnly: true }
            : option(v, plain(v.label, i18n) || v.value);
        })
        .sort(byCount);
    case 'sdg': {
      const goals = values.filter((v) => !v.value.includes('.')).sort((a, b) => Number(a.value) - Number(b.value));
      const targets = values.filter((v) => v.value.includes('.'));
      const goalOf = (code: string) => code.split('.')[0] ?? '';
      const out: Option[] = [];
      const listed = new Set<string>();
      for (const g of goals) {
        out.push(option(g, i18n.t('explorer.sdgGoal', { number: g.value }), false, i18n.pick(g.label)));
        for (const t of targets
          .filter((x) => goalOf(x.value) === g.value)
          .sort((a, b) => a.value.localeCompare(b.value, 'en', { numeric: true }))) {
          out.push(option(t, i18n.t('explorer.sdgTarget', { code: t.value }), true, i18n.pick(t.label)));
          listed.add(t.value);
        }
      }
      for (const t of targets.filter((x) => !listed.has(x.value)))
        out.push(option(t, i18n.t('explorer.sdgTarget', { code: t.value }), true));
      return out;
    }
    case 'response':
      return RESPONSE_VALUES.flatMap((r) => {
        const v = values.find((x) => x.value === r);
        return v ? [option(v, i18n.t(`obligations.response.${r}` as MessageKey))] : [];
      });
    case 'status':
      return STATUS_VALUES.flatMap((s) => {
        const v = values.find((x) => x.value === s);
        return v ? [option(v, i18n.t(`obligations.level.${s}` as MessageKey))] : [];
      });
    case 'year':
      return values.map((v) => option(v, v.value)).sort((a, b) => Number(b.value) - Number(a.value));
  }
}

/** One facet: a disclosure with a checkbox per value and its count. */
export function FacetField({
  ctx,
  facet,
  counts,
  filter,
}: {
  ctx: PageContext;
  facet: Facet;
  counts: FacetCounts;
  filter: ExplorerFilter;
}) {
  const { i18n } = ctx;
  const shown = optionsOf(facet, counts.facets[facet], filter, i18n);
  const hidden = counts.more[facet];
  if (shown.length === 0) return null;
  const title = i18n.t(`explorer.facet.${facet}` as MessageKey);
  const checked = shown.filter((o) => o.checked).length;
  // Short lists and lists with a selection are open; the long ones open on demand.
  const open = checked > 0 || ['mechanism', 'response', 'status'].includes(facet);
  return (
    <details class="facet" open={open}>
      <summary>
        {title}
        {checked > 0 && <span class="count"> ({i18n.t('explorer.facet.selected', { count: checked })})</span>}
      </summary>
      <fieldset>
        <legend class="visually-hidden">{title}</legend>
        {shown.map((o, i) => (
          <div class={o.nested ? 'field checkbox nested' : 'field checkbox'}>
            <label for={`facet-${facet}-${i}`}>
              <input id={`facet-${facet}-${i}`} type="checkbox" name={facet} value={o.value} checked={o.checked} />{' '}
              <span>
                {o.text && o.textOnly ? (
                  <PickedText picked={o.text} i18n={i18n} />
                ) : (
                  <>
                    {o.label}
                    {o.text && (
                      <>
                        : <PickedText picked={o.text} i18n={i18n} />
                      </>
                    )}
                  </>
                )}{' '}
                <span class="count">({i18n.number(o.count)})</span>
              </span>
            </label>
          </div>
        ))}
        {hidden > 0 && <p class="hint">{i18n.t('explorer.facet.more', { count: hidden })}</p>}
      </fieldset>
    </details>
  );
}

function Result({
  ctx,
  row,
  filter,
  comments,
}: {
  ctx: PageContext;
  row: ExplorerRow;
  filter: ExplorerFilter;
  comments: number | undefined;
}) {
  const { i18n } = ctx;
  const lang = i18n.lang;
  const reference = [row.symbol, row.paragraph ? i18n.t('explorer.paragraph', { paragraph: row.paragraph }) : '']
    .filter(Boolean)
    .join(', ');
  const sessionHref = (() => {
    const q = filterQuery({ ...filter, session: row.session ?? undefined });
    return `/${lang}/recommendations?${q.toString()}`;
  })();
  return (
    <li>
      <p class="recommendation-text">
        <T value={row.text} i18n={i18n} />
      </p>
      <p class="muted">
        {row.priority && (
          <>
            <span class="badge">{i18n.t('explorer.priorityBadge')}</span>{' '}
          </>
        )}
        <a href={`/${lang}/recommendations/${row.id}`}>
          {reference || i18n.t('explorer.recommendation', { id: row.id })}
        </a>
        {' · '}
        {stateName(row.stateCode, lang)}
        {' · '}
        <abbr title={plain(row.mechanismName, i18n)}>{row.mechanismCode}</abbr>
        {row.recommendingState && (
          <> ({i18n.t('explorer.recommendedBy', { state: stateName(row.recommendingState, lang) })})</>
        )}
        {' · '}
        {row.adoptedOn ? i18n.date(row.adoptedOn) : i18n.t('explorer.noDate')}
        {row.session && (
          <>
            {' · '}
            <a href={sessionHref}>{i18n.t('explorer.session', { session: row.session })}</a>
          </>
        )}
        {row.cycleId && (
          <>
            {' · '}
            <a href={`/${lang}/cycles/${row.cycleId}`}>
              {i18n.t('explorer.cycle', { cycle: plain(row.cycleTitle, i18n) || row.cycleId })}
            </a>
          </>
        )}
        <br />
        {i18n.t('explorer.responseIs', {
          response: i18n.t(`obligations.response.${row.response ?? 'none'}` as MessageKey),
        })}
        {' · '}
        {i18n.t('explorer.statusIs', { status: i18n.t(`obligations.level.${row.status}` as MessageKey) })}
        {comments !== undefined && ' · '}
        <CommentCount ctx={ctx} count={comments} href={`/${lang}/recommendations/${row.id}`} />
      </p>
    </li>
  );
}

export function ExplorerPage({
  ctx,
  filter,
  page,
  pageSize,
  maxPage,
  rows,
  counts,
  ignored,
  comments,
  searchedFor,
}: {
  ctx: PageContext;
  filter: ExplorerFilter;
  page: number;
  pageSize: number;
  maxPage: number;
  rows: ExplorerRow[];
  counts: FacetCounts;
  ignored: string[];
  /** Published comments per recommendation (absent: none). */
  comments: ReadonlyMap<string, number>;
  /** The query as searched when some of its words were corrected (core/search), else null. */
  searchedFor?: string | null | undefined;
}) {
  const { i18n } = ctx;
  const lang = i18n.lang;
  const base = `/${lang}/recommendations`;
  const query = filterQuery(filter);
  const pages = Math.max(1, Math.ceil(counts.total / pageSize));
  const reachable = Math.min(pages, maxPage);
  const pageHref = (n: number) => {
    const q = new URLSearchParams(query);
    if (n > 1) q.set('page', String(n));
    const s = q.toString();
    return s ? `${base}?${s}` : base;
  };
  const from = (page - 1) * pageSize + 1;
  const filtered = query.toString() !== '';
  return (
    <Layout ctx={ctx} title={i18n.t('explorer.title')} section="recommendations">
      <h1>{i18n.t('explorer.title')}</h1>
      <p class="lead">{i18n.t('explorer.intro')}</p>
      {ignored.length > 0 && (
        <p class="flash" role="status">
          {i18n.t('explorer.ignored', { names: i18n.list(ignored) })}
        </p>
      )}
      <form method="get" action={base} class="explorer">
        <div class="filters">
          <div class="field">
            <label for="field-q">{i18n.t('explorer.search')}</label>
            <p class="hint" id="hint-q">
              {i18n.t('explorer.searchHint', { language: i18n.t(`lang.name.${lang}`) })}
            </p>
            <input
              id="field-q"
              type="search"
              name="q"
              value={filter.q ?? ''}
              maxLength={200}
              size={40}
              aria-describedby="hint-q"
            />
          </div>
          <Submit>{i18n.t('explorer.submit')}</Submit>
        </div>
        {filter.session && <input type="hidden" name="session" value={filter.session} />}
        <div class="columns">
          <section aria-labelledby="results">
            <h2 id="results">{i18n.t('explorer.count', { count: counts.total })}</h2>
            <SearchedFor ctx={ctx} text={searchedFor} />
            {filter.session && <p>{i18n.t('explorer.session', { session: filter.session })}</p>}
            <p class="button-row">
              {filtered && <a href={base}>{i18n.t('explorer.clear')}</a>}
              {counts.total > 0 && (
                <a href={`${base}.csv${filtered ? `?${query.toString()}` : ''}`}>{i18n.t('explorer.csv')}</a>
              )}
            </p>
            {rows.length === 0 ? (
              <p>{counts.total > 0 ? i18n.t('explorer.pastEnd', { page, pages }) : i18n.t('explorer.none')}</p>
            ) : (
              <>
                <p class="muted">
                  {i18n.t('explorer.showing', {
                    from,
                    to: from + rows.length - 1,
                    total: counts.total,
                  })}
                </p>
                <ol class="proposal-list recommendation-list" start={from}>
                  {rows.map((row) => (
                    <Result ctx={ctx} row={row} filter={filter} comments={comments.get(row.id)} />
                  ))}
                </ol>
              </>
            )}
            {pages > 1 && (
              <nav aria-label={i18n.t('explorer.pages')} class="button-row">
                {page > 1 && (
                  <a href={pageHref(Math.min(page - 1, reachable))} rel="prev">
                    {i18n.t('explorer.previous')}
                  </a>
                )}
                {page <= pages && <span>{i18n.t('explorer.pageOf', { page, pages })}</span>}
                {page < reachable && (
                  <a href={pageHref(page + 1)} rel="next">
                    {i18n.t('explorer.next')}
                  </a>
                )}
              </nav>
            )}
            {pages > maxPage && page === reachable && (
              <p class="hint">{i18n.t('explorer.pageCap', { count: maxPage * pageSize })}</p>
            )}
          </section>
          <aside aria-labelledby="facets" class="card">
            <h2 id="facets">{i18n.t('explorer.filters')}</h2>
            {FACETS.map((facet) => (
              <FacetField ctx={ctx} facet={facet} counts={counts} filter={filter} />
            ))}
            <div class="field checkbox">
              <label for="field-priority">
                <input id="field-priority" type="checkbox" name="priority" value="1" checked={filter.priority} />{' '}
                <span>
                  {i18n.t('explorer.priority')} <span class="count">({i18n.number(counts.priority)})</span>
                </span>
              </label>
            </div>
            <Submit>{i18n.t('explorer.apply')}</Submit>
          </aside>
        </div>
      </form>
    </Layout>
  );
}
