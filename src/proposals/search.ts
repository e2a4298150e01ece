import { sql } from 'kysely';
import type { ProposalStatus } from '../core/db/schema.ts';
import {
  type Commentable,
  type CommentTarget,
  idsFound,
  moderators,
  type SearchVisibility,
} from '../core/extensions.ts';
import { LANGS } from '../core/i18n/locales.ts';
import { pick, type Translated } from '../core/i18n/translated.ts';
import { recordSearch } from '../core/search/record-search.ts';
import { organisationChangedSince, organisationColumn } from '../organisations/index.ts';
import { publicProposals, reachOf, visibleProposals } from './visibility.ts';

/*
 * What proposals lend to search and comments (decision 0016), visible as visibility.ts decides:
 * public once submitted; drafts and unsubmitted ones only to their authors (and invited co-authors).
 */

export const proposalSearch = recordSearch({
  kind: 'proposal',
  query: (db) =>
    db
      .selectFrom('proposals as p')
      .select(['p.id', 'p.title', 'p.body', 'p.status', 'p.submitted_at as submittedAt', 'p.updated_at as updatedAt']),
  id: 'p.id',
  changed: 'p.updated_at',
  document: (p) => ({ title: p.title, body: p.body, path: `/proposals/${p.id}`, visibility: reach(p) }),
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
});

/** A proposal's documents are public as the proposal is (visibility.ts). */
function reach(p: Parameters<typeof reachOf>[0]): SearchVisibility {
  return reachOf(p) === 'public' ? 'public' : 'restricted';
}

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
export const answerSearch = recordSearch({
  kind: 'answer',
  query: (db) =>
    db
      .selectFrom('proposal_addressees as a')
      .innerJoin('proposals as p', 'p.id', 'a.proposal_id')
      .select([
        'a.id',
        'a.proposal_id as proposalId',
        'a.reasons',
        'p.title',
        'p.status',
        'p.submitted_at as submittedAt',
      ])
      .select([
        sql<Date>`coalesce(a.answered_at, to_timestamp(0))`.as('updatedAt'),
        organisationColumn('a.organisation_id', 'name').as('body'),
      ])
      .where('a.answer', 'is not', null),
  id: 'a.id',
  // The title shows the body's name: its rename brings the answer back too.
  changed: ['a.answered_at', 'p.updated_at', organisationChangedSince('a.organisation_id')],
  document: (a) => ({
    title: answerTitle(a.body, a.title),
    body: a.reasons,
    path: `/proposals/${a.proposalId}#answers`,
    visibility: reach(a),
  }),
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
});

/**
 * Only a public proposal takes comments (a draft is its authors' work in progress); a withdrawn or
 * merged one keeps them but takes no more. Its closing days count from its submission.
 */
/** A proposal's comment target (the Commentable below, and its page, which read it already): only a public one takes comments. */
export function proposalTarget(p: {
  id: string;
  title: Translated;
  status: ProposalStatus;
  submittedAt: Date | null;
}): CommentTarget | null {
  if (reachOf(p) !== 'public') return null;
  return {
    title: p.title,
    path: `/proposals/${p.id}`,
    open: !['withdrawn', 'merged'].includes(p.status),
    ...(p.submittedAt ? { publishedAt: p.submittedAt } : {}),
  };
}

export const proposalComments: Commentable = {
  kind: 'proposal',
  label: 'nav.proposals',
  async target(db, _reader, id) {
    const row = await db
      .selectFrom('proposals as p')
      .select(['p.title', 'p.status', 'p.submitted_at as submittedAt'])
      .where('p.id', '=', id)
      .where(publicProposals())
      .executeTakeFirst();
    return row ? proposalTarget({ ...row, id }) : null;
  },
  mayModerate: moderators,
  // Those who follow the proposal (follow/) are told of its new comments too, in their digest choice.
  async followers(db, id) {
    const rows = await db.selectFrom('follows').select('user_id').where('proposal_id', '=', id).execute();
    return rows.map((r) => r.user_id);
  },
};
