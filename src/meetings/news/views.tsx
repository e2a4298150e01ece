import type { CommentSection } from '../../core/comments/section.ts';
import { CommentCount, CommentsSection } from '../../core/comments/views.tsx';
import type { PageContext } from '../../core/html/context.ts';
import { Layout } from '../../core/html/layout.tsx';
import type { Translated } from '../../core/i18n/translated.ts';
import { CommuniqueText, CommuniqueTitle } from '../communique/marked.tsx';
import { unmarked } from '../communique/marks.ts';

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
              <CommuniqueTitle ctx={ctx} value={n.title} />
            </a>
          </h2>
          <p class="muted">
            <time datetime={n.publishedAt.toISOString()}>{i18n.date(n.publishedAt)}</time> ·{' '}
            <a href={`/${lang}/meetings/${n.meetingId}`}>{i18n.t('news.meeting', { number: n.meetingNumber })}</a>
            {comments.has(n.id) && ' · '}
            <CommentCount ctx={ctx} count={comments.get(n.id)} href={`/${lang}/news/${n.id}`} />
          </p>
          <p>{excerpt(unmarked(i18n.pick(n.body)?.text ?? ''))}</p>
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
