import { type Commentable, documentsPage, idsFound, moderators, type Searchable } from '../core/extensions.ts';
import { LANGS } from '../core/i18n/locales.ts';
import { pick, type Translated } from '../core/i18n/translated.ts';
import { organisationColumn } from '../organisations/index.ts';
import { publicProposals, reachOf, visibleProposals } from './visibility.ts';

/*
 * What proposals lend to search and comments (decision 0016), visible as visibility.ts decides:
 * public once submitted; drafts and unsubmitted ones only to their authors (and invited co-authors).
 */

export const proposalSearch: Searchable = {
  kind: 'proposal',
  async documents(db, page) {
    const q = db
      .selectFrom('proposals as p')
      .select(['p.id', 'p.title', 'p.body', 'p.status', 'p.submitted_at as submittedAt', 'p.updated_at as updatedAt']);
    const rows = await documentsPage(q, page, { id: 'p.id', changed: 'p.updated_at' });
    return rows.map((p) => ({
      kind: 'proposal',
      id: p.id,
      title: p.title,
      body: p.body,
      path: `/proposals/${p.id}`,
      visibility: reachOf(p) === 'public' ? 'public' : 'restricted',
      updatedAt: p.updatedAt,
    }));
  },
  async visibleTo(db, reader, ids) {
    return idsFound(ids, (some) =>
      db
        .selectFrom('proposals as p')
        .select('p.id')
        .where('p.id', 'in', some)
        .where(visibleProposals(reader))
        .execute(),
    );
  },
};

/** "The body — the proposal" in each language the proposal's title has (the body's name may fall back). */
function answerTitle(body: Translated | null, proposal: Translated): Translated {
  const out: Translated = {};
  for (const lang of LANGS) {
    const title = proposal[lang]?.trim();
    const name = pick(body, lang)?.text;
    if (title) out[lang] = name ? `${name} — ${title}` : title;
  }
  return out;
}

/**
 * The answers of state bodies: the reasons each gave, on the proposal's page beside the authors'
 * assessment, so visible exactly as the proposal is (and read again when the proposal changes).
 */
export const answerSearch: Searchable = {
  kind: 'answer',
  async documents(db, page) {
    const q = db
      .selectFrom('proposal_addressees as a')
      .innerJoin('proposals as p', 'p.id', 'a.proposal_id')
      .select(['a.id', 'a.proposal_id as proposalId', 'a.reasons', 'a.answered_at as answeredAt', 'p.title'])
      .select(['p.status', 'p.submitted_at as submittedAt', organisationColumn('a.organisation_id', 'name').as('body')])
      .where('a.answer', 'is not', null);
    const rows = await documentsPage(q, page, { id: 'a.id', changed: ['a.answered_at', 'p.updated_at'] });
    return rows.map((a) => ({
      kind: 'answer',
      id: a.id,
      title: answerTitle(a.body, a.title),
      body: a.reasons,
      path: `/proposals/${a.proposalId}#answers`,
      visibility: reachOf(a) === 'public' ? 'public' : 'restricted',
      updatedAt: a.answeredAt ?? new Date(0),
    }));
  },
  async visibleTo(db, reader, ids) {
    return idsFound(ids, (some) =>
      db
        .selectFrom('proposal_addressees as a')
        .innerJoin('proposals as p', 'p.id', 'a.proposal_id')
        .select('a.id')
        .where('a.id', 'in', some)
        .where('a.answer', 'is not', null)
        .where(visibleProposals(reader))
        .execute(),
    );
  },
};

/** Only a public proposal takes comments (a draft is its authors' work in progress). */
export const proposalComments: Commentable = {
  kind: 'proposal',
  async target(db, _reader, id) {
    const row = await db
      .selectFrom('proposals as p')
      .select('p.title')
      .where('p.id', '=', id)
      .where(publicProposals())
      .executeTakeFirst();
    return row ? { title: row.title, path: `/proposals/${id}`, open: true } : null;
  },
  mayModerate: moderators,
};
