import type { FastifyReply } from 'fastify';
import type { Db } from '../../core/db/database.ts';
import type { PageContext } from '../../core/html/context.ts';
import { ID_PATTERN } from '../../core/http/forms.ts';
import { notFound } from '../../core/http/http-error.ts';
import { agendaItemOptions, type Reader, taskOptions } from '../../meetings/index.ts';
import { linkableProposals } from '../../proposals/index.ts';
import { organisationOf } from '../implementation/queries.ts';
import { sideOf } from '../implementation/use-cases.ts';
import { today } from '../queries.ts';
import {
  clusterOptions,
  type RecommendationDetail,
  recommendationById,
  recommendationFormOptions,
  similarEarlier,
} from './queries.ts';
import {
  RecommendationPage,
  type RecommendationPageExtras,
  type RecommendationPageForms,
  recommendationLabel,
} from './views.tsx';

async function linkOptionsOf(db: Db, reader: Reader) {
  const [proposals, agendaItems, tasks] = await Promise.all([
    linkableProposals(db),
    agendaItemOptions(db, reader, { limit: 500, includeDrafts: true }),
    taskOptions(db, reader, { limit: 500 }),
  ]);
  return { proposals, agendaItems, tasks };
}

/**
 * What the recommendation page shows besides the recommendation: a fixed few queries for staff (form
 * options, clusters, link options, likely repeats) and one for a representative (their organisation).
 */
async function pageExtras(db: Db, ctx: PageContext, r: RecommendationDetail): Promise<RecommendationPageExtras> {
  const user = ctx.user;
  const staff = ctx.can('manage-obligations');
  const [org, options, clusters, linkOptions, repeats] = await Promise.all([
    user?.role === 'representative' && user.organisationId ? organisationOf(db, user.organisationId) : undefined,
    staff ? recommendationFormOptions(db) : null,
    staff ? clusterOptions(db) : [],
    staff ? linkOptionsOf(db, user) : null,
    staff ? similarEarlier(db, r.id) : [],
  ]);
  const side = org ? sideOf(org.category) : null;
  const assessor =
    org && side && (side !== 'state' || r.actions.some((a) => a.responsible.id === org.id))
      ? { side, organisationName: org.name, current: r.assessments.find((a) => a.organisation.id === org.id) }
      : null;
  return {
    assessor,
    options,
    clusters,
    linkOptions,
    today: today(),
    proposedRepeats: repeats.map((x) => ({
      id: x.id,
      text: x.text,
      similarity: x.similarity,
      label: recommendationLabel({ mechanism: { code: x.mechanismCode }, symbol: x.symbol, paragraph: x.paragraph }),
    })),
  };
}

/**
 * The recommendation page: two queries for everyone (the recommendation with its lists, its
 * actions), plus the extras above; with a form to show again, filled in, when it was wrong.
 */
export async function recommendationPage(db: Db, ctx: PageContext, id: string, forms?: RecommendationPageForms) {
  const r = ID_PATTERN.test(id) ? await recommendationById(db, ctx.user, id) : undefined;
  if (!r) throw notFound(`recommendation ${id}`);
  return <RecommendationPage ctx={ctx} r={r} forms={forms} extras={await pageExtras(db, ctx, r)} />;
}

/** Back to a part of the recommendation's page. */
export const backTo = (reply: FastifyReply, ctx: PageContext, id: string, anchor: string) =>
  reply.redirect(`/${ctx.i18n.lang}/recommendations/${id}#${anchor}`, 303);
