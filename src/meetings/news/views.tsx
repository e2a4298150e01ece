import type { CommentSection } from '../../core/comments/section.ts';
import { CommentCount, CommentsSection } from '../../core/comments/views.tsx';
import { DateBlock } from '../../core/html/components.tsx';
import type { PageContext } from '../../core/html/context.ts';
import { EmptyState } from '../../core/html/empty-state.tsx';
import { Layout, TitledPage } from '../../core/html/layout.tsx';
import type { Translated } from '../../core/i18n/translated.ts';
import { CommuniqueText, CommuniqueTitle } from '../communique/marked.tsx';
import { unmarked } from '../communique/marks.ts';
import { CardSummary } from '../views/cards.tsx';
import { OlderLink } from '../views/parts.tsx';

export interface NewsItem {
  id: string;
  title: Translated;
  body: Translated;
  publishedAt: Date;
  meetingId: string;
  meetingNumber: number;
}

/** News items as cards: publication date, title, the meeting, a summary (`level`: the titles' heading level). */
export function NewsCards({
  ctx,
  items,
  comments,
  level = 2,
}: {
  ctx: PageContext;
  items: NewsItem[];
  comments: ReadonlyMap<string, number>;
  level?: 2 | 3;
}) {
  const { i18n } = ctx;
  const lang = i18n.lang;
  const Heading = `h${level}` as 'h2' | 'h3';
  return (
    <ul class="cards">
      {items.map((n) => (
        <li class="card card--news news-item">
          <DateBlock value={n.publishedAt} i18n={ctx.i18n} />
          <article class="card__body" aria-labelledby={`news-${n.id}`}>
            <Heading class="card__title" id={`news-${n.id}`}>
              <a href={`/${lang}/news/${n.id}`}>
                <CommuniqueTitle ctx={ctx} value={n.title} />
              </a>
            </Heading>
            <p class="card__meta">
              <span class="tag tag--info">{i18n.t('meeting.communique')}</span>{' '}
              <a href={`/${lang}/meetings/${n.meetingId}`}>{i18n.t('news.meeting', { number: n.meetingNumber })}</a>
              {comments.has(n.id) && ' · '}
              <CommentCount ctx={ctx} count={comments.get(n.id)} href={`/${lang}/news/${n.id}`} />
            </p>
            <CardSummary ctx={ctx} value={n.body} max={400} clean={unmarked} />
          </article>
        </li>
      ))}
    </ul>
  );
}

export function NewsPage({
  ctx,
  items,
  olderHref,
  comments,
}: {
  ctx: PageContext;
  items: NewsItem[];
  olderHref: string | undefined;
  /** Published comments per item (absent: none). */
  comments: ReadonlyMap<string, number>;
}) {
  const { i18n } = ctx;
  const lang = i18n.lang;
  return (
    <TitledPage ctx={ctx} title={i18n.t('news.title')} section="news">
      <p>
        <a href={`/${lang}/news.atom`} type="application/atom+xml">
          {i18n.t('news.feed')}
        </a>
      </p>
      {items.length === 0 ? (
        <EmptyState text={i18n.t('news.none')} hint={i18n.t('news.noneHint')} />
      ) : (
        <NewsCards ctx={ctx} items={items} comments={comments} />
      )}
      <OlderLink ctx={ctx} href={olderHref} />
    </TitledPage>
  );
}

export function NewsItemPage({
  ctx,
  item,
  comments,
}: {
  ctx: PageContext;
  item: NewsItem;
  comments: CommentSection | null;
}) {
  const { i18n } = ctx;
  return (
    <Layout ctx={ctx} title={i18n.pick(item.title)?.text ?? ''} section="news">
      <nav class="breadcrumbs" aria-label={i18n.t('news.title')}>
        <a href={`/${i18n.lang}/news`}>{i18n.t('news.title')}</a>
      </nav>
      <article>
        <h1>
          <CommuniqueTitle ctx={ctx} value={item.title} />
        </h1>
        <p class="muted">
          <time datetime={item.publishedAt.toISOString()}>{i18n.date(item.publishedAt)}</time> ·{' '}
          <a href={`/${i18n.lang}/meetings/${item.meetingId}`}>
            {i18n.t('news.meeting', { number: item.meetingNumber })}
          </a>
        </p>
        <CommuniqueText ctx={ctx} value={item.body} />
      </article>
      {comments && <CommentsSection ctx={ctx} section={comments} />}
    </Layout>
  );
}
