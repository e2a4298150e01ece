import type { CurrentUser } from '../../core/auth/user.ts';
import type { Db } from '../../core/db/database.ts';
import type { PageContext } from '../../core/html/context.ts';
import { readableMeeting } from '../route-support.ts';
import { MeetingPage, type MeetingPageData } from './meeting-page.tsx';
import { meetingPageData } from './queries.ts';

/** The meeting page, with the forms of a refused submission (422) when there is one. */
export async function meetingPage(
  db: Db,
  user: CurrentUser | null,
  ctx: PageContext,
  id: string,
  forms?: MeetingPageData['forms'],
) {
  const meeting = await readableMeeting(db, user, id);
  return <MeetingPage ctx={ctx} data={await meetingPageData(db, user, meeting, forms)} />;
}
