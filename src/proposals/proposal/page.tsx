import type { FastifyInstance, FastifyRequest } from 'fastify';
import { can } from '../../core/auth/policy.ts';
import type { CurrentUser } from '../../core/auth/user.ts';
import type { PageContext } from '../../core/html/context.ts';
import { formValues, ID_PATTERN, type Outcome, parseForm } from '../../core/http/forms.ts';
import { notFound } from '../../core/http/http-error.ts';
import { flash, langRoute, signedIn } from '../../core/http/pages.ts';
import { proposalTarget } from '../search.ts';
import { trackOf } from '../stages/use-cases.ts';
import { supporterOf } from '../support/supporter.ts';
import { actingOrganisation, canSeeProposal, mayChangeAddressees, reachOf } from '../visibility.ts';
import { proposalOfPage, proposalPageReads } from './page-reads.ts';
import { factsOf } from './queries.ts';
import type { ProposalPageData } from './views/data.ts';
import { ProposalPage } from './views/proposal-page.tsx';

/** What the page shows a reader beyond the proposal: their relation to it and the next stage. */
function readerView(user: CurrentUser | null, proposal: ProposalPageData['proposal']) {
  const own = actingOrganisation(user);
  const myAddressee =
    user?.organisationId && can(user, 'act-for-organisation', { organisationId: user.organisationId })
      ? proposal.addressees.find((a) => a.organisationId === user.organisationId)
      : undefined;
  const accepted = proposal.addressees.some((a) => a.answer === 'accepted' || a.answer === 'partly_accepted');
  const nextStage =
    accepted && ['answered', 'in_implementation'].includes(proposal.status)
      ? trackOf(proposal.kind)[proposal.stages.length]
      : undefined;
  const supporter = supporterOf(user);
  const open = reachOf(factsOf(proposal)) === 'public' && !['withdrawn', 'merged'].includes(proposal.status);
  const maySupport =
    supporter !== null &&
    open &&
    ('userId' in supporter ||
      !(proposal.authors.some((a) => a.id === own) || proposal.addressees.some((a) => a.organisationId === own)));
  return {
    maySupport,
    isAuthor: own !== null && proposal.authors.some((a) => a.id === own),
    isInvited: own !== null && proposal.invited.some((a) => a.id === own),
    myAddressee,
    nextStage,
  };
}

/**
 * The proposal page: a fixed few queries (proposal, timeline, the reader's support and follow,
 * settings, recommendations, comments) whatever it holds; what a public proposal shows everyone is
 * kept while nothing changes (page-reads.ts).
 */
export async function proposalPage(
  req: FastifyRequest,
  ctx: PageContext,
  id: string,
  forms?: ProposalPageData['forms'],
) {
  const { db, shared, comments: commentsOf } = req.server;
  const user = req.user;
  const proposal = ID_PATTERN.test(id) ? await proposalOfPage(shared, db, id, user) : undefined;
  if (!proposal || !canSeeProposal(user, factsOf(proposal))) throw notFound(`proposal ${id}`);
  const reader = readerView(user, proposal);
  const [[timeline, relation, defaultDeadline, recommendations, addressable], comments] = await Promise.all([
    proposalPageReads(shared, db, user, proposal, {
      includePrivate: reader.isAuthor || reader.isInvited,
      addressable: mayChangeAddressees(user, proposal),
    }),
    commentsOf.section(user, 'proposal', proposal.id, 1, proposalTarget(proposal)),
  ]);
  const data = { proposal: { ...proposal, supported: relation.supported }, timeline, following: relation.following };
  return (
    <ProposalPage
      ctx={ctx}
      data={{ ...data, ...reader, defaultDeadline, recommendations, comments, addressable, forms }}
    />
  );
}

/** A POST on a proposal: parse, act, then redirect with a message or re-render the page with errors. */
export function proposalAction<S extends Parameters<typeof parseForm>[0]>(
  app: FastifyInstance,
  path: string,
  schema: S,
  formName: string,
  run: (
    req: FastifyRequest<{ Params: { id: string; a?: string } }>,
    user: CurrentUser,
    data: ReturnType<S['parse']>,
    ctx: PageContext,
  ) => Promise<Outcome | undefined> | Promise<void>,
  done: Parameters<typeof flash>[1],
) {
  langRoute<{ id: string; a?: string }>(app, 'POST', `/proposals/:id${path}`, async (req, reply, ctx) => {
    const { id, a } = req.params;
    if (!ID_PATTERN.test(id) || (a !== undefined && !ID_PATTERN.test(a))) throw notFound();
    const user = signedIn(req.user);
    const form = parseForm(schema, req.body, ctx.i18n);
    const result = form.ok ? await run(req, user, form.data as ReturnType<S['parse']>, ctx) : form;
    if (result && !result.ok) {
      reply.code(422);
      return proposalPage(req, ctx, id, { [formName]: { values: formValues(req.body), errors: result.errors } });
    }
    flash(reply, done);
    return reply.redirect(`/${ctx.i18n.lang}/proposals/${id}`, 303);
  });
}
