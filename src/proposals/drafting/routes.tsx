import type { FastifyInstance, FastifyRequest } from 'fastify';
import { can } from '../../core/auth/policy.ts';
import type { RouteDeps } from '../../core/extensions.ts';
import { answerUpload, receiveFormUpload, uploadRoute } from '../../core/files/form-upload.ts';
import type { PageContext } from '../../core/html/context.ts';
import type { Values } from '../../core/html/fields.tsx';
import { asArray, collectTranslated, type FieldErrors, formValues, parseForm } from '../../core/http/forms.ts';
import { HttpError } from '../../core/http/http-error.ts';
import { flash, langRoute, signedIn } from '../../core/http/pages.ts';
import { proposalAction, proposalPage } from '../proposal/page.tsx';
import { AttachmentFields, CoAuthorshipInput, ProposalInput, ReasonInput } from '../schema.ts';
import { filterOptions, similarProposals } from '../tracker/queries.ts';
import { attachFile, proposalToAttachTo } from './attachments.ts';
import {
  createProposal,
  type ProposalData,
  respondToCoAuthorship,
  submitProposal,
  withdrawProposal,
} from './use-cases.ts';
import { ProposalFormPage } from './views/proposal-form-page.tsx';

type ProposalForm = ReturnType<typeof ProposalInput.parse>;

/** The parsed form as the use case takes it. */
function proposalData(d: ProposalForm): ProposalData {
  const actName = collectTranslated(d, 'actName');
  return {
    title: collectTranslated(d, 'title'),
    body: collectTranslated(d, 'body'),
    kind: d.kind,
    addresseeIds: d.addresseeIds,
    coAuthorIds: d.coAuthorIds,
    themeIds: d.themeIds,
    meetingId: d.meetingId,
    agendaItemId: d.agendaItemId,
    legalAct: Object.keys(actName).length
      ? { name: actName, number: d.actNumber, article: d.actArticle, url: d.actUrl }
      : undefined,
  };
}

/** The titles typed so far, for "similar proposals" (empty when none). */
function typedTitle(body: Record<string, unknown>): string {
  return ['title_kk', 'title_ru', 'title_en']
    .map((k) => (typeof body[k] === 'string' ? body[k] : ''))
    .join(' ')
    .trim();
}

function requireRepresentative(req: FastifyRequest) {
  const user = signedIn(req.user);
  if (!user.organisationId || !can(user, 'act-for-organisation', { organisationId: user.organisationId })) {
    throw new HttpError(403, 'not a representative', 'proposal.onlyRepresentatives');
  }
  return user;
}

/** Drafting: write a proposal, submit or withdraw it, answer an invitation to co-author, attach files. */
export function draftingRoutes(app: FastifyInstance, deps: RouteDeps) {
  const db = app.db;
  const url = deps.publicUrl;

  async function formPage(
    ctx: PageContext,
    values: Values,
    multi: Record<string, string[]>,
    errors?: FieldErrors,
    similar?: { id: string; title: Record<string, string> }[],
  ) {
    const options = await filterOptions(db, ctx.user, app.shared);
    return (
      <ProposalFormPage ctx={ctx} values={values} multi={multi} errors={errors} options={options} similar={similar} />
    );
  }

  langRoute(app, 'GET', '/proposals/new', async (req, _reply, ctx) => {
    requireRepresentative(req);
    return formPage(ctx, { kind: 'amend_law' }, {});
  });

  langRoute(app, 'POST', '/proposals', async (req, reply, ctx) => {
    const user = requireRepresentative(req);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const values = formValues(req.body);
    const multi = {
      addresseeIds: asArray(body.addresseeIds),
      coAuthorIds: asArray(body.coAuthorIds),
      themeIds: asArray(body.themeIds),
    };
    const form = parseForm(ProposalInput, req.body, ctx.i18n);
    if (body.intent === 'similar') {
      const text = typedTitle(body);
      return formPage(ctx, values, multi, undefined, text ? await similarProposals(db, text.slice(0, 300), user) : []);
    }
    const result = form.ok ? await createProposal(db, user, proposalData(form.data), ctx.i18n, url) : form;
    if (!result.ok) {
      reply.code(422);
      return formPage(ctx, values, multi, result.errors);
    }
    flash(reply, 'proposal.created');
    return reply.redirect(`/${ctx.i18n.lang}/proposals/${result.value}`, 303);
  });

  proposalAction(
    app,
    '/submit',
    ReasonInput,
    'submit',
    (req, user, _d, ctx) => submitProposal(db, user, req.params.id, ctx.i18n, url),
    'proposal.submitted',
  );
  proposalAction(
    app,
    '/withdraw',
    ReasonInput,
    'withdraw',
    (req, user, d, ctx) => withdrawProposal(db, user, req.params.id, d.reason, ctx.i18n, url),
    'proposal.withdrawn',
  );
  proposalAction(
    app,
    '/co-authorship',
    CoAuthorshipInput,
    'coAuthorship',
    (req, user, d, ctx) => respondToCoAuthorship(db, user, req.params.id, d.answer === 'accept', ctx.i18n, url),
    'proposal.coAuthorshipAnswered',
  );

  // Attachments: the authors add files while the proposal is open.
  uploadRoute<{ id: string }>(app, '/proposals/:id/attachments', async (req, reply, ctx) => {
    const user = signedIn(req.user);
    const proposalId = await proposalToAttachTo(db, user, req.params.id);
    const result = await receiveFormUpload(app, req, reply, {
      db,
      i18n: ctx.i18n,
      uploadedBy: user.id,
      schema: AttachmentFields,
      attach: (trx, file, d) => attachFile(trx, user, proposalId, file, d),
    });
    return answerUpload(
      reply,
      result,
      (attachment) => proposalPage(req, ctx, proposalId, { attachment }),
      () => {
        flash(reply, 'documents.added');
        return reply.redirect(`/${ctx.i18n.lang}/proposals/${proposalId}#attachments`, 303);
      },
    );
  });
}
