import { listPageFeed } from '../../core/atom.ts';
import type { Db } from '../../core/db/database.ts';
import { plain } from '../../core/html/text.tsx';
import { i18nFor } from '../../core/i18n/i18n.ts';
import type { Lang } from '../../core/i18n/locales.ts';
import { unmarked } from '../communique/marks.ts';
import { news } from './queries.ts';

/** The News as an Atom feed in a language: the 30 latest communiqués. */
export async function newsAtom(db: Db, lang: Lang, publicUrl: string): Promise<string> {
  const i18n = i18nFor(lang);
  // As a visitor: a feed reader has no session, and a feed's address is shared.
  const items = await news(db, null, { limit: 30 });
  // Communiqués are plain text: the feed says so (type="text"), see core/atom.ts.
  const entries = items.map((n) => ({
    title: unmarked(plain(n.title, i18n)),
    id: `${publicUrl}/${lang}/news/${n.id}`,
    link: `${publicUrl}/${lang}/news/${n.id}`,
    published: n.publishedAt,
    updated: n.publishedAt,
    content: unmarked(plain(n.body, i18n)),
  }));
  return listPageFeed(i18n, publicUrl, 'news', i18n.t('news.title'), entries);
}
