import { type Commentable, type CommentTarget, everyoneSees, idsFound, moderators } from '../core/extensions.ts';
import { fileColumn } from '../core/files/columns.ts';
import { fileTexts } from '../core/files/text.ts';
import { languagesOf, textByLanguage } from '../core/files/text-languages.ts';
import { LANGS } from '../core/i18n/locales.ts';
import type { Translated } from '../core/i18n/translated.ts';
import { recordSearch } from '../core/search/record-search.ts';
import { titlesFromText } from './recommendation-title.ts';

/*
 * What international obligations lend to search and comments (decision 0016). Recommendations and
 * reporting cycles have no hidden states (decision 0015): every one is public.
 */

export const recommendationSearch = recordSearch({
  kind: 'recommendation',
  query: (db) =>
    db
      .selectFrom('recommendations as r')
      .select(['r.id', 'r.symbol', 'r.paragraph', 'r.text', 'r.updated_at as updatedAt']),
  id: 'r.id',
  changed: 'r.updated_at',
  // A recommendation has no title of its own: its reference, under each language its text is in (one
  // document per language it is written in, not three: at 270,000 recommendations, 463,500 rows for
  // 810,000), else its first words.
  document: (r) => ({
    title: referenceOf(r, r.text) ?? titlesFromText(r.text),
    body: r.text,
    path: `/recommendations/${r.id}`,
    visibility: 'public',
  }),
  visibleTo: everyoneSees,
});

export const cycleSearch = recordSearch({
  kind: 'cycle',
  query: (db) =>
    db.selectFrom('reporting_cycles as c').select(['c.id', 'c.title', 'c.description', 'c.updated_at as updatedAt']),
  id: 'c.id',
  changed: 'c.updated_at',
  document: (c) => ({ title: c.title, body: c.description ?? {}, path: `/cycles/${c.id}`, visibility: 'public' }),
  visibleTo: everyoneSees,
});

/**
 * A recommendation's reference ("CAT/C/KAZ/CO/4, 32"), the same in each language its text is in (in
 * every language when it has no text); undefined when it has none.
 */
function referenceOf(
  r: { symbol: string | null; paragraph: string | null },
  text: Translated = {},
): Translated | undefined {
  const reference = [r.symbol, r.paragraph].filter(Boolean).join(', ');
  if (!reference) return undefined;
  const langs = languagesOf(text);
  return Object.fromEntries((langs.length ? langs : LANGS).map((lang) => [lang, reference]));
}

/** A document's symbol and its file's text, under each language the text (or else the title) is in. */
function documentBody(symbol: string | null, title: Translated, text: string | undefined): Translated {
  const body = textByLanguage(text, languagesOf(title));
  if (!symbol) return body;
  const out: Translated = {};
  for (const lang of new Set([...languagesOf(title), ...languagesOf(body)])) {
    out[lang] = [symbol, body[lang]].filter(Boolean).join('\n');
  }
  return out;
}

/**
 * The documents of a reporting cycle (reports, lists of issues, concluding observations): their title,
 * symbol and the text of their file once read (PDF, DOCX). Public, as the cycle's page is (decision 0015);
 * read again when the file's text arrives.
 */
export const cycleDocumentSearch = recordSearch({
  kind: 'cycle-document',
  query: (db) =>
    db
      .selectFrom('cycle_documents as d')
      .select([
        'd.id',
        'd.cycle_id as cycleId',
        'd.title',
        'd.symbol',
        'd.file_id as fileId',
        'd.created_at as updatedAt',
      ]),
  id: 'd.id',
  changed: ['d.created_at', fileColumn('d.file_id', 'textReadAt')],
  async complete(db, rows) {
    const texts = await fileTexts(
      db,
      rows.flatMap((d) => (d.fileId ? [d.fileId] : [])),
    );
    return rows.map((d) => ({ ...d, text: d.fileId ? texts.get(d.fileId) : undefined }));
  },
  document: (d) => ({
    title: d.title,
    body: documentBody(d.symbol, d.title, d.text),
    path: `/cycles/${d.cycleId}#documents`,
    visibility: 'public',
  }),
  // Everyone sees every document that still exists (one removed is gone from its page at once).
  async visibleTo(db, _reader, ids) {
    return idsFound(ids, (some) => db.selectFrom('cycle_documents').select('id').where('id', 'in', some).execute());
  },
});

/** A recommendation's comment target (the Commentable below, and its page, which read it already). */
export function recommendationTarget(r: {
  id: string;
  symbol: string | null;
  paragraph: string | null;
  text: Translated;
  createdAt: Date;
}): CommentTarget {
  return {
    title: referenceOf(r) ?? titlesFromText(r.text),
    path: `/recommendations/${r.id}`,
    open: true,
    publishedAt: r.createdAt,
  };
}

/** Every recommendation takes comments; their closing days count from its entry into Kenes (its adoption may be years older). */
export const recommendationComments: Commentable = {
  kind: 'recommendation',
  label: 'nav.recommendations',
  async target(db, _reader, id) {
    const row = await db
      .selectFrom('recommendations as r')
      .select(['r.symbol', 'r.paragraph', 'r.text', 'r.created_at as createdAt'])
      .where('r.id', '=', id)
      .executeTakeFirst();
    return row ? recommendationTarget({ ...row, id }) : null;
  },
  mayModerate: moderators,
};
