import type { FastifyRequest } from 'fastify';
import type { Db } from '../../core/db/database.ts';
import type { PageContext } from '../../core/html/context.ts';
import { authorize } from '../../core/http/pages.ts';
import { organisationChoices, peopleWithPositions } from '../../organisations/index.ts';
import { agendaOf } from '../queries.ts';
import { readableMeeting } from '../route-support.ts';
import { AgendaEditorPage } from './views.tsx';

/** The agenda editor, with the forms of a refused submission (422) when there is one. */
export async function agendaPage(
  db: Db,
  req: FastifyRequest,
  ctx: PageContext,
  id: string,
  forms?: Parameters<typeof AgendaEditorPage>[0]['forms'],
) {
  authorize(req, 'run-meetings');
  const meeting = await readableMeeting(db, req.user, id);
  const [agenda, orgs, people] = await Promise.all([
    agendaOf(db, meeting.id),
    organisationChoices(db),
    peopleWithPositions(db),
  ]);
  return (
    <AgendaEditorPage ctx={ctx} meeting={meeting} agenda={agenda} organisations={orgs} people={people} forms={forms} />
  );
}
