import type { FastifyInstance } from 'fastify';
import type { Db } from '../../core/db/database.ts';
import type { PageContext } from '../../core/html/context.ts';
import { translatedValues, type Values } from '../../core/html/fields.tsx';
import {
  asArray,
  collectTranslated,
  type FieldErrors,
  formValues,
  ID_PATTERN,
  parseForm,
  withTranslated,
} from '../../core/http/forms.ts';
import { foundById } from '../../core/http/found.ts';
import { notFound } from '../../core/http/http-error.ts';
import { authorize, flash, langRoute, signedIn } from '../../core/http/pages.ts';
import { homeState } from '../queries.ts';
import { ClusterInput, LinkInput, RecommendationInput, RepeatDecisionInput } from '../schema.ts';
import { RecommendationFormPage } from './form-page.tsx';
import { recommendationAction, recommendationPage } from './page.tsx';
import { cycleOfNewRecommendation, recommendationForEdit, recommendationFormOptions } from './queries.ts';
import {
  createRecommendation,
  decideRepeat,
  type RecommendationData,
  setCluster,
  setLink,
  updateRecommendation,
} from './use-cases.ts';

const recommendationData = (d: ReturnType<typeof RecommendationInput.parse>): RecommendationData =>
  withTranslated(d, ['text']);

function recommendationValues(r: NonNullable<Awaited<ReturnType<typeof recommendationForEdit>>>): Values {
  return {
    stateCode: r.state_code,
    mechanismId: r.mechanism_id,
    cycleId: r.cycle_id ?? undefined,
    symbol: r.symbol ?? undefined,
    paragraph: r.paragraph ?? undefined,
    adoptedOn: r.adopted_on ?? undefined,
    session: r.session ?? undefined,
    recommendingState: r.recommending_state ?? undefined,
    response: r.response ?? undefined,
    priority: r.priority ? 'on' : undefined,
    ...translatedValues('text', r.text),
  };
}

/** The form of a new or an existing recommendation; `body` holds the lists chosen (several values each). */
async function recommendationForm(
  db: Db,
  ctx: PageContext,
  values: Values,
  body: Record<string, unknown>,
  errors?: FieldErrors,
  id?: string,
) {
  const options = await recommendationFormOptions(db);
  const multi = {
    themeIds: asArray(body.themeIds),
    groupIds: asArray(body.groupIds),
    sdgTargets: asArray(body.sdgTargets),
  };
  return <RecommendationFormPage ctx={ctx} id={id} values={values} errors={errors} options={options} multi={multi} />;
}

/** Recommendations by hand: the form (new, edit) and the page. */
export function recommendationRoutes(app: FastifyInstance) {
  const db = app.db;

  langRoute(app, 'GET', '/recommendations/new', async (req, _reply, ctx) => {
    authorize(req, 'manage-obligations');
    const cycleId =
      typeof req.query.cycle === 'string' && ID_PATTERN.test(req.query.cycle) ? req.query.cycle : undefined;
    const cycle = cycleId ? await cycleOfNewRecommendation(db, cycleId) : undefined;
    const stateCode = cycle?.state_code ?? (await homeState(db));
    return recommendationForm(db, ctx, { stateCode, mechanismId: cycle?.mechanism_id, cycleId: cycle?.id }, {});
  });

  langRoute(app, 'POST', '/recommendations', async (req, reply, ctx) => {
    const user = signedIn(req.user);
    authorize(req, 'manage-obligations');
    const body = (req.body ?? {}) as Record<string, unknown>;
    const form = parseForm(RecommendationInput, body, ctx.i18n);
    const result = form.ok ? await createRecommendation(db, user, recommendationData(form.data), ctx.i18n) : form;
    if (!result.ok) {
      reply.code(422);
      return recommendationForm(db, ctx, formValues(body), body, result.errors);
    }
    flash(reply, 'obligations.recommendationSaved');
    return reply.redirect(`/${ctx.i18n.lang}/recommendations/${result.value}`, 303);
  });

  langRoute<{ id: string }>(app, 'GET', '/recommendations/:id/edit', async (req, _reply, ctx) => {
    authorize(req, 'manage-obligations');
    const r = await foundById('recommendation', req.params.id, (i) => recommendationForEdit(db, i));
    const lists = { themeIds: r.theme_ids, groupIds: r.affected_group_ids, sdgTargets: r.sdg_targets };
    return recommendationForm(db, ctx, recommendationValues(r), lists, undefined, r.id);
  });

  langRoute<{ id: string }>(app, 'POST', '/recommendations/:id/edit', async (req, reply, ctx) => {
    const user = signedIn(req.user);
    authorize(req, 'manage-obligations');
    if (!ID_PATTERN.test(req.params.id)) throw notFound(`recommendation ${req.params.id}`);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const form = parseForm(RecommendationInput, body, ctx.i18n);
    const result = form.ok
      ? await updateRecommendation(db, user, req.params.id, recommendationData(form.data), ctx.i18n)
      : form;
    if (!result.ok) {
      reply.code(422);
      return recommendationForm(db, ctx, formValues(body), body, result.errors, req.params.id);
    }
    flash(reply, 'obligations.recommendationSaved');
    return reply.redirect(`/${ctx.i18n.lang}/recommendations/${req.params.id}`, 303);
  });

  langRoute<{ id: string }>(app, 'GET', '/recommendations/:id', async (req, _reply, ctx) =>
    recommendationPage(app, ctx, req.params.id),
  );

  clusterAndLinkRoutes(app);
}

/** What staff say about a recommendation's relations: its cluster, its repeats, its links. */
function clusterAndLinkRoutes(app: FastifyInstance) {
  const db = app.db;

  recommendationAction(app, '/cluster', ClusterInput, {
    staff: true,
    run: (user, d, { id }, ctx) =>
      setCluster(db, user, id, { clusterId: d.clusterId, newTitle: collectTranslated(d, 'clusterTitle') }, ctx.i18n),
    show: (cluster) => ({ cluster }),
    done: ['obligations.clusterSaved', 'cluster'],
  });

  recommendationAction(app, '/repeats', RepeatDecisionInput, {
    staff: true,
    run: async (user, d, { id }) => {
      await decideRepeat(db, user, id, d.earlierId, d.decision);
    },
    done: ['obligations.repeatSaved', 'repeats'],
  });

  recommendationAction(app, '/links', LinkInput, {
    staff: true,
    run: (user, d, { id }, ctx) => setLink(db, user, id, d.kind, d.targetId, d.remove, ctx.i18n),
    show: (link) => ({ link }),
    done: ['obligations.linkSaved', 'links'],
  });
}
