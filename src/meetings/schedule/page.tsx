import type { FastifyInstance } from 'fastify';
import type { CurrentUser } from '../../core/auth/user.ts';
import type { PageContext } from '../../core/html/context.ts';
import { readableMeeting } from '../route-support.ts';
import { MeetingPage, type MeetingPageData } from './meeting-page.tsx';
import { meetingPageData } from './queries.ts';

/** The meeting page (with its comments when it is public), with the forms of a refused submission (422) when there is one. */
export async function meetingPage(
  app: FastifyInstance,
  user: CurrentUser | null,
  ctx: PageContext,
  id: string,
  forms?: MeetingPageData['forms'],
) {
  const meeting = await readableMeeting(app.db, user, id);
  const [data, comments] = await Promise.all([
    meetingPageData(app.db, user, meeting, forms),
    app.comments.section(user, 'meeting', meeting.id),
  ]);
  return <MeetingPage ctx={ctx} data={data} comments={comments} />;
}
