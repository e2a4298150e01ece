import type { FastifyInstance } from 'fastify';
import { getPage } from '../core/http/pages.ts';
import { readerKey } from '../core/http/shared-reads.ts';
import { agendaOf, mainBody, meetingAudience, meetingFigures, news, nextMeeting } from '../meetings/index.ts';
import { recommendationFigures } from '../obligations/index.ts';
import { countMembersByCategory } from '../organisations/index.ts';
import { proposalFigures } from '../proposals/index.ts';
import { HomePage } from './views/home-page.tsx';

/**
 * The home page: the body and its mark, its next meeting with the agenda, the latest news, a few
 * figures (each domain's, through its index.ts: one query a group) and who takes part. Nine queries
 * when nothing is kept; while nothing changes, none (the proposals' figures kept per reader).
 */
export function homeRoutes(app: FastifyInstance) {
  getPage(app, '/', async (_req, ctx) => {
    const db = app.db;
    const reader = ctx.user;
    // What is the same for every reader is read once per change (app.shared); what the meetings
    // domain shows alike to every reader of an audience (decision 0015), once per audience; the rest
    // per reader.
    const audience = meetingAudience(reader);
    const body = await app.shared.read('home:body', () => mainBody(db));
    const [next, members, latest, meetings, proposals, recommendations] = await Promise.all([
      body ? app.shared.read(`home:next:${body.id}:${audience}`, () => nextMeeting(db, reader, body.id)) : undefined,
      body ? app.shared.read(`home:members:${body.id}`, () => countMembersByCategory(db, body.id)) : [],
      app.shared.read(`home:news:${audience}`, () => news(db, reader, { limit: 3 })),
      app.shared.read(`home:meeting-figures:${audience}`, () => meetingFigures(db, reader)),
      // The proposals' figures count what the reader may see (proposals/visibility.ts): kept per person.
      app.shared.read(`home:proposal-figures:${readerKey(reader)}`, () => proposalFigures(db, reader)),
      app.shared.read('home:recommendation-figures', () => recommendationFigures(db)),
    ]);
    const agenda = next ? await app.shared.read(`home:agenda:${next.id}`, () => agendaOf(db, next.id)) : [];
    return (
      <HomePage
        ctx={ctx}
        body={body}
        next={next ? { meeting: next, agenda } : undefined}
        news={latest}
        figures={{ meetings, proposals, recommendations }}
        members={members}
      />
    );
  });
}
