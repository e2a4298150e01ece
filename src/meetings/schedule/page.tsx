import type { FastifyInstance } from 'fastify';
import type { CurrentUser } from '../../core/auth/user.ts';
import type { PageContext } from '../../core/html/context.ts';
import { notFound } from '../../core/http/http-error.ts';
import { meetingTarget } from '../search.ts';
import { MeetingPage, type MeetingPageData } from './meeting-page.tsx';
import { myInvitation, readableMeetingPage } from './queries.ts';

/**
 * The meeting page (with its comments when it is public), with the forms of a refused submission
 * (422) when there is one: 404 unless the reader may see the meeting. What the reader's audience sees
 * is kept while nothing changes (queries.ts); their organisation's invitation and the comments are
 * read beside each other.
 */
export async function meetingPage(
  app: FastifyInstance,
  user: CurrentUser | null,
  ctx: PageContext,
  id: string,
  forms?: MeetingPageData['forms'],
) {
  const page = await readableMeetingPage(app.shared, app.db, user, id);
  if (!page) throw notFound(`meeting ${id}`);
  const [mine, comments] = await Promise.all([
    myInvitation(app.shared, app.db, user, page),
    app.comments.section(user, 'meeting', page.meeting.id, 1, meetingTarget(page.meeting)),
  ]);
  return <MeetingPage ctx={ctx} data={{ ...page, myInvitation: mine, forms }} comments={comments} kept={page} />;
}
