import type { FastifyInstance, FastifyReply } from 'fastify';
import type { CurrentUser } from '../../core/auth/user.ts';
import type { Db } from '../../core/db/database.ts';
import type { PageContext } from '../../core/html/context.ts';
import { type FieldErrors, formValues, ID_PATTERN, type Outcome, parseForm } from '../../core/http/forms.ts';
import { HttpError, notFound } from '../../core/http/http-error.ts';
import { authorize, flash, langRoute, signedIn } from '../../core/http/pages.ts';
import { agendaItemOptions, meetingAudience, type Reader, taskOptions } from '../../meetings/index.ts';
import { linkableProposals } from '../../proposals/index.ts';
import { organisationOf } from '../implementation/queries.ts';
import { sideOf } from '../implementation/use-cases.ts';
import { today } from '../queries.ts';
import { recommendationTarget } from '../search.ts';
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
 * What the recommendation page shows besides the recommendation: for staff the form options,
 * clusters, link options and likely repeats, for a representative their organisation; each the same
 * for every reader of its key, kept while nothing changes (app.shared). The link options name agenda
 * items and tasks as the reader's meeting audience may see them (meetings decide): their key names it.
 */
async function pageExtras(
  { db, shared }: FastifyInstance,
  ctx: PageContext,
  r: RecommendationDetail,
): Promise<RecommendationPageExtras> {
  const user = ctx.user;
  const staff = ctx.can('manage-obligations');
  const orgId = user?.role === 'representative' ? user.organisationId : null;
  const [org, options, clusters, linkOptions, repeats] = await Promise.all([
    orgId ? shared.read(`obligations:organisation:${orgId}`, () => organisationOf(db, orgId)) : undefined,
    staff ? shared.read('obligations:recommendation-form-options', () => recommendationFormOptions(db)) : null,
    staff ? shared.read('obligations:cluster-options', () => clusterOptions(db)) : [],
    staff ? shared.read(`obligations:link-options:${meetingAudience(user)}`, () => linkOptionsOf(db, user)) : null,
    staff ? shared.read(`obligations:recommendation:${r.id}:similar`, () => similarEarlier(db, r.id)) : [],
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
 * The recommendation page: two queries (the recommendation with its lists, its actions), kept while
 * nothing changes under a key naming the reader's meeting audience (the linked agenda items and tasks
 * are those it may see), its comments' one, plus the extras above; with a form to show again, filled
 * in, when it was wrong.
 */
export async function recommendationPage(
  app: FastifyInstance,
  ctx: PageContext,
  id: string,
  forms?: RecommendationPageForms,
) {
  const user = ctx.user;
  const r = ID_PATTERN.test(id)
    ? await app.shared.read(`obligations:recommendation:${id}:meetings:${meetingAudience(user)}`, () =>
        recommendationById(app.db, user, id),
      )
    : undefined;
  if (!r) throw notFound(`recommendation ${id}`);
  const [extras, comments] = await Promise.all([
    pageExtras(app, ctx, r),
    app.comments.section(user, 'recommendation', r.id, 1, recommendationTarget(r)),
  ]);
  return <RecommendationPage ctx={ctx} r={r} forms={forms} extras={extras} comments={comments} />;
}

/** Back to a part of the recommendation's page. */
export const backTo = (reply: FastifyReply, ctx: PageContext, id: string, anchor: string) =>
  reply.redirect(`/${ctx.i18n.lang}/recommendations/${id}#${anchor}`, 303);

/** A use case's answer that says the form was wrong (others answer nothing, or a value). */
const failed = (r: unknown): r is { ok: false; errors: FieldErrors } =>
  (r as Outcome<unknown> | undefined)?.ok === false;

/**
 * A POST on a part of the recommendation's page (every id in the path checked, staff only if `staff`):
 * parse, act, then back to the part with a message; when the form is wrong, its part shows it again
 * (`show`), or, for a form with nothing to type, a plain 422.
 */
export function recommendationAction<
  S extends Parameters<typeof parseForm>[0],
  P extends { id: string } = { id: string },
>(
  app: FastifyInstance,
  path: string,
  schema: S,
  opts: {
    staff?: boolean;
    run: (
      user: CurrentUser,
      data: ReturnType<S['parse']>,
      params: P,
      ctx: PageContext,
      body: Record<string, unknown>,
    ) => Promise<unknown>;
    /** The page's forms with this one, filled in, to show again. */
    show?: (form: { values: Record<string, string>; errors: FieldErrors }, params: P) => RecommendationPageForms;
    /** The message, and the part of the page to go back to. */
    done: [Parameters<typeof flash>[1], string | ((params: P) => string)];
  },
) {
  langRoute<P>(app, 'POST', `/recommendations/:id${path}`, async (req, reply, ctx) => {
    const user = signedIn(req.user);
    if (opts.staff) authorize(req, 'manage-obligations');
    const params = req.params as P;
    if (!Object.values(params).every((v) => ID_PATTERN.test(String(v)))) throw notFound(`recommendation ${params.id}`);
    const form = parseForm(schema, req.body, ctx.i18n);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const result = form.ok ? await opts.run(user, form.data as ReturnType<S['parse']>, params, ctx, body) : form;
    if (failed(result)) {
      if (!opts.show) throw new HttpError(422, `bad form for ${path}`);
      reply.code(422);
      const forms = opts.show({ values: formValues(body), errors: result.errors }, params);
      return recommendationPage(app, ctx, params.id, forms);
    }
    const [message, anchor] = opts.done;
    flash(reply, message);
    return backTo(reply, ctx, params.id, typeof anchor === 'string' ? anchor : anchor(params));
  });
}
