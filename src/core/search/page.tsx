import type { PageContext } from '../html/context.ts';
import { Layout } from '../html/layout.tsx';
import { MESSAGES, type MessageKey } from '../i18n/i18n.ts';
import { COUNT_CAP, type SearchResult } from './search.ts';
import { SearchedFor } from './searched-for.tsx';
import type { Snippet } from './snippets.ts';

export const PAGE_SIZE = 20;

/** The label of a kind of result ("Meetings"), or its name where search has no text for it. */
export function kindLabel(ctx: PageContext, kind: string): string {
  const key = `search.kind.${kind}`;
  return key in MESSAGES[ctx.i18n.lang] ? ctx.i18n.t(key as MessageKey) : kind;
}

function Marked({ parts }: { parts: Snippet }) {
  return <>{parts.map((p, i) => (i % 2 === 1 ? <mark>{p}</mark> : p))}</>;
}

export function SearchPage({
  ctx,
  q,
  kind,
  offset,
  result,
  error,
}: {
  ctx: PageContext;
  q: string;
  kind: string | undefined;
  offset: number;
  result: SearchResult | null;
  error?: string | undefined;
}) {
  const { i18n } = ctx;
  const lang = i18n.lang;
  const link = (k: string | undefined, o = 0) => {
    const params = new URLSearchParams({ q });
    if (k) params.set('type', k);
    if (o > 0) params.set('offset', String(o));
    return `/${lang}/search?${params}`;
  };
  return (
    <Layout ctx={ctx} title={q ? `${q} — ${i18n.t('search.title')}` : i18n.t('search.title')}>
      <h1>{i18n.t('search.title')}</h1>
      {/* biome-ignore lint/a11y/useSemanticElements: a form with role=search is announced by every screen reader; <search> is not yet */}
      <form role="search" method="get" action={`/${lang}/search`} class="search-form">
        <label for="search-page-q">{i18n.t('search.label')}</label>
        <div class="search-row">
          <input
            type="search"
            id="search-page-q"
            name="q"
            value={q}
            maxLength={200}
            aria-describedby="search-hint"
            aria-invalid={error ? 'true' : undefined}
          />
          {kind ? <input type="hidden" name="type" value={kind} /> : null}
          <button type="submit">{i18n.t('search.submit')}</button>
        </div>
        {error ? (
          <p class="field-error" role="alert">
            {error}
          </p>
        ) : null}
        <p id="search-hint" class="hint">
          {i18n.t('search.hint')}
        </p>
      </form>
      {result && q.trim() !== '' ? (
        <section aria-labelledby="search-results-count">
          <p id="search-results-count" role="status">
            {result.more
              ? i18n.t('search.resultsMore', { count: result.total })
              : i18n.t('search.results', { count: result.total })}
          </p>
          <SearchedFor ctx={ctx} text={result.searchedFor} />
          {Object.keys(result.byKind).length > 0 ? (
            <nav aria-label={i18n.t('search.kinds')} class="search-kinds">
              <ul>
                <li>
                  <a href={link(undefined)} aria-current={kind === undefined ? 'page' : undefined}>
                    {i18n.t('search.all')} ({i18n.number(Object.values(result.byKind).reduce((a, b) => a + b, 0))})
                  </a>
                </li>
                {Object.entries(result.byKind)
                  .sort((a, b) => b[1] - a[1])
                  .map(([k, n]) => (
                    <li>
                      <a href={link(k)} aria-current={kind === k ? 'page' : undefined}>
                        {kindLabel(ctx, k)} ({i18n.number(n)}
                        {n >= COUNT_CAP ? '+' : ''})
                      </a>
                    </li>
                  ))}
              </ul>
            </nav>
          ) : null}
          {result.hits.length === 0 ? (
            <p>{i18n.t('search.none')}</p>
          ) : (
            <ol class="search-results" start={offset + 1}>
              {result.hits.map((h) => (
                <li>
                  <p class="eyebrow">{kindLabel(ctx, h.kind)}</p>
                  <h2>
                    <a href={`/${lang}${h.path}`} lang={h.lang === lang ? undefined : h.lang}>
                      {h.title || h.path}
                    </a>
                  </h2>
                  <p class="snippet" lang={h.lang === lang ? undefined : h.lang}>
                    <Marked parts={h.snippet} />
                  </p>
                </li>
              ))}
            </ol>
          )}
          {offset > 0 || offset + PAGE_SIZE < result.total ? (
            <nav aria-label={i18n.t('search.pages')} class="pager">
              {offset > 0 ? (
                <a href={link(kind, Math.max(0, offset - PAGE_SIZE))} rel="prev">
                  {i18n.t('search.previous')}
                </a>
              ) : null}{' '}
              {offset + PAGE_SIZE < result.total ? (
                <a href={link(kind, offset + PAGE_SIZE)} rel="next">
                  {i18n.t('search.next')}
                </a>
              ) : null}
            </nav>
          ) : null}
        </section>
      ) : null}
    </Layout>
  );
}
