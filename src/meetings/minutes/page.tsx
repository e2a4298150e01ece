import type { FastifyRequest } from 'fastify';
import type { Db } from '../../core/db/database.ts';
import type { PageContext } from '../../core/html/context.ts';
import { authorize } from '../../core/http/pages.ts';
import { organisationChoices } from '../../organisations/index.ts';
import { agendaOf } from '../queries.ts';
import { readableMeeting } from '../route-support.ts';
import { attendingOrganisationIds, correctionsOf, minutesVersions } from './queries.ts';
import { MinutesPage } from './views.tsx';

/** The minutes page (versions, comparison, corrections), with the forms of a refused submission (422). */
export async function minutesPage(
  db: Db,
  req: FastifyRequest<{ Querystring: Record<string, string | undefined> }>,
  ctx: PageContext,
  id: string,
  forms?: Parameters<typeof MinutesPage>[0]['data']['forms'],
) {
  authorize(req, 'read-members-only');
  const meeting = await readableMeeting(db, req.user, id, 'minutesDrafts');
  const [agenda, versions, corrections, attending, orgs] = await Promise.all([
    agendaOf(db, meeting.id),
    minutesVersions(db, meeting.id),
    correctionsOf(db, meeting.id),
    attendingOrganisationIds(db, meeting.id),
    ctx.can('run-meetings') ? organisationChoices(db) : Promise.resolve([]),
  ]);
  const a = Number(req.query.a);
  const b = Number(req.query.b);
  return (
    <MinutesPage
      ctx={ctx}
      data={{
        meeting,
        agenda,
        versions,
        corrections,
        compare: Number.isInteger(a) && Number.isInteger(b) && a > 0 && b > 0 ? { a, b } : undefined,
        mayCorrect: ctx.can('correct-minutes', { attendingOrganisationIds: attending }),
        organisations: orgs,
        forms,
      }}
    />
  );
}
