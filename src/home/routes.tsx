import type { FastifyInstance } from 'fastify';
import { getPage } from '../core/http/pages.ts';
import { agendaOf, latestMeeting, mainBody, nextMeeting } from '../meetings/index.ts';
import { countMembersByCategory } from '../organisations/index.ts';
import { HomePage } from './views/home-page.tsx';

/** The home page: the body, its next and latest meetings with their agendas, who takes part. Eight queries at most. */
export function homeRoutes(app: FastifyInstance) {
  getPage(app, '/', async (_req, ctx) => {
    // The next and latest meetings the reader may see (members see members-only ones).
    const body = await mainBody(app.db);
    const [next, meeting, members] = body
      ? await Promise.all([
          nextMeeting(app.db, ctx.user, body.id),
          latestMeeting(app.db, ctx.user, body.id),
          countMembersByCategory(app.db, body.id),
        ])
      : [undefined, undefined, []];
    const [nextAgenda, agenda] = await Promise.all([
      next ? agendaOf(app.db, next.id) : [],
      meeting ? agendaOf(app.db, meeting.id) : [],
    ]);
    return (
      <HomePage
        ctx={ctx}
        body={body}
        next={next ? { meeting: next, agenda: nextAgenda } : undefined}
        meeting={meeting}
        agenda={agenda}
        members={members}
      />
    );
  });
}
