import type { FastifyInstance } from 'fastify';
import { getPage } from '../core/http/pages.ts';
import { agendaOf, latestPublicMeeting, mainBody } from '../meetings/index.ts';
import { countMembersByCategory } from '../organisations/index.ts';
import { HomePage } from './views/home-page.tsx';

/** The home page: the body, its latest meeting with the agenda, and who takes part. Five queries. */
export function homeRoutes(app: FastifyInstance) {
  getPage(app, '/', async (_req, ctx) => {
    const body = await mainBody(app.db);
    const [meeting, members] = body
      ? await Promise.all([latestPublicMeeting(app.db, body.id), countMembersByCategory(app.db, body.id)])
      : [undefined, []];
    const agenda = meeting ? await agendaOf(app.db, meeting.id) : [];
    return <HomePage ctx={ctx} body={body} meeting={meeting} agenda={agenda} members={members} />;
  });
}
