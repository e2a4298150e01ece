import type { FastifyInstance } from 'fastify';
import type { OrganisationCategory } from '../core/db/schema.ts';
import type { PageContext } from '../core/html/context.ts';
import { translatedValues, type Values } from '../core/html/fields.tsx';
import { plain } from '../core/html/text.tsx';
import { collectTranslated, type FieldErrors, formValues, ID_PATTERN, parseForm } from '../core/http/forms.ts';
import { foundById } from '../core/http/found.ts';
import { HttpError, notFound } from '../core/http/http-error.ts';
import { authorize, flash, getPage, langRoute, signedIn } from '../core/http/pages.ts';
import { mainBody } from '../meetings/index.ts';
import {
  addPerson,
  addPosition,
  createOrganisation,
  endPosition,
  setMembership,
  updateOrganisation,
} from './organisations.ts';
import { organisationPageOf, SLUG } from './page-data.ts';
import { findPerson, listOrganisations, organisationForEdit, organisationOptions, positionsOf } from './queries.ts';
import { EndPositionInput, MembershipInput, OrganisationInput, PersonInput, PositionInput } from './schema.ts';
import { OrganisationFormPage } from './views/forms.tsx';
import { OrganisationPage } from './views/organisation-page.tsx';
import { OrganisationsPage } from './views/organisations-page.tsx';
import { PersonPage } from './views/person-page.tsx';

export function organisationRoutes(app: FastifyInstance) {
  const db = app.db;

  // The public directory: one query.
  getPage(app, '/organisations', async (_req, ctx) => {
    const organisations = await listOrganisations(db);
    return <OrganisationsPage ctx={ctx} organisations={organisations} />;
  });

  langRoute(app, 'GET', '/organisations/new', async (req, _reply, ctx) => {
    authorize(req, 'manage-organisations');
    return newForm(ctx, { category: 'ngo' });
  });

  async function newForm(ctx: PageContext, values: Values, errors?: FieldErrors) {
    return (
      <OrganisationFormPage
        ctx={ctx}
        title={ctx.i18n.t('organisations.new')}
        action={`/${ctx.i18n.lang}/organisations`}
        values={values}
        errors={errors}
        organisations={await organisationOptions(db)}
        submit={ctx.i18n.t('organisations.create')}
      />
    );
  }

  function organisationData(data: Record<string, unknown>) {
    return {
      name: collectTranslated(data, 'name'),
      shortName: collectTranslated(data, 'short'),
      category: data.category as OrganisationCategory,
      website: (data.website as string | undefined) ?? null,
      parentId: (data.parentId as string | undefined) ?? null,
    };
  }

  langRoute(app, 'POST', '/organisations', async (req, reply, ctx) => {
    authorize(req, 'manage-organisations');
    const values = formValues(req.body);
    const form = parseForm(OrganisationInput, req.body, ctx.i18n);
    const result = form.ok
      ? await createOrganisation(db, signedIn(req.user), organisationData(form.data), ctx.i18n)
      : form;
    if (!result.ok) {
      reply.code(422);
      return newForm(ctx, values, result.errors);
    }
    flash(reply, 'organisations.created');
    return reply.redirect(`/${ctx.i18n.lang}/organisations/${result.value}`, 303);
  });

  async function editForm(ctx: PageContext, slug: string, values?: Values, errors?: FieldErrors) {
    const o = SLUG.test(slug) ? await organisationForEdit(db, slug) : undefined;
    if (!o) throw notFound(`organisation ${slug}`);
    const stored: Values = {
      ...translatedValues('name', o.name),
      ...translatedValues('short', o.shortName),
      category: o.category,
      website: o.website ?? '',
      parentId: o.parentId ?? '',
    };
    return {
      id: o.id,
      page: (
        <OrganisationFormPage
          ctx={ctx}
          title={ctx.i18n.t('organisations.editTitle', { name: plain(o.name, ctx.i18n) })}
          action={`/${ctx.i18n.lang}/organisations/${o.slug}/edit`}
          values={values ?? stored}
          errors={errors}
          organisations={await organisationOptions(db)}
          selfId={o.id}
          submit={ctx.i18n.t('form.save')}
        />
      ),
    };
  }

  langRoute<{ slug: string }>(app, 'GET', '/organisations/:slug/edit', async (req, _reply, ctx) => {
    authorize(req, 'manage-organisations');
    return (await editForm(ctx, req.params.slug)).page;
  });

  langRoute<{ slug: string }>(app, 'POST', '/organisations/:slug/edit', async (req, reply, ctx) => {
    authorize(req, 'manage-organisations');
    const { id } = await editForm(ctx, req.params.slug);
    const values = formValues(req.body);
    const form = parseForm(OrganisationInput, req.body, ctx.i18n);
    const result = form.ok
      ? await updateOrganisation(db, signedIn(req.user), id, organisationData(form.data), ctx.i18n)
      : form;
    if (!result.ok) {
      reply.code(422);
      return (await editForm(ctx, req.params.slug, values, result.errors)).page;
    }
    flash(reply, 'organisations.saved');
    return reply.redirect(`/${ctx.i18n.lang}/organisations/${req.params.slug}`, 303);
  });

  /** One organisation: seven queries whatever it holds (six for visitors), kept while nothing changes (page-data.ts). */
  async function organisationPage(
    ctx: PageContext,
    slug: string,
    forms?: Parameters<typeof OrganisationPage>[0]['forms'],
  ) {
    const data = await organisationPageOf(app.shared, db, ctx.user, slug, ctx.can('read-members-only'));
    if (!data) throw notFound(`organisation ${slug}`);
    return { organisation: data.organisation, page: <OrganisationPage ctx={ctx} {...data} forms={forms} /> };
  }

  getPage<{ slug: string }>(
    app,
    '/organisations/:slug',
    async (req, ctx) => (await organisationPage(ctx, req.params.slug)).page,
  );

  langRoute<{ slug: string }>(app, 'POST', '/organisations/:slug/membership', async (req, reply, ctx) => {
    authorize(req, 'manage-organisations');
    const { organisation } = await organisationPage(ctx, req.params.slug);
    const values = formValues(req.body);
    const form = parseForm(MembershipInput, req.body, ctx.i18n);
    const body = await mainBody(db);
    if (!body) throw notFound('no body');
    const result = form.ok
      ? await setMembership(
          db,
          signedIn(req.user),
          body.id,
          organisation.id,
          form.data.status,
          form.data.since,
          ctx.i18n,
        )
      : form;
    if (!result.ok) {
      reply.code(422);
      return (await organisationPage(ctx, req.params.slug, { membership: { values, errors: result.errors } })).page;
    }
    flash(reply, result.value === 'changed' ? 'organisations.membershipSaved' : 'organisations.membershipUnchanged');
    return reply.redirect(`/${ctx.i18n.lang}/organisations/${organisation.slug}`, 303);
  });

  langRoute<{ slug: string }>(app, 'POST', '/organisations/:slug/people', async (req, reply, ctx) => {
    authorize(req, 'manage-people');
    const { organisation } = await organisationPage(ctx, req.params.slug);
    const values = formValues(req.body);
    const form = parseForm(PersonInput, req.body, ctx.i18n);
    if (!form.ok) {
      reply.code(422);
      return (await organisationPage(ctx, req.params.slug, { person: { values, errors: form.errors } })).page;
    }
    const personId = await addPerson(db, signedIn(req.user), organisation.id, {
      name: collectTranslated(form.data, 'name'),
      title: collectTranslated(form.data, 'title'),
      since: form.data.since,
    });
    flash(reply, 'people.added');
    return reply.redirect(`/${ctx.i18n.lang}/people/${personId}`, 303);
  });

  async function personPage(ctx: PageContext, id: string, form?: { values: Values; errors: FieldErrors }) {
    const person = await foundById('person', id, (i) => findPerson(db, i));
    const [positions, organisations] = await Promise.all([
      positionsOf(db, id),
      ctx.can('manage-people') ? organisationOptions(db) : Promise.resolve([]),
    ]);
    return <PersonPage ctx={ctx} person={person} positions={positions} organisations={organisations} form={form} />;
  }

  langRoute<{ id: string }>(app, 'GET', '/people/:id', async (req, _reply, ctx) => {
    authorize(req, 'read-members-only');
    return personPage(ctx, req.params.id);
  });

  langRoute<{ id: string }>(app, 'POST', '/people/:id/positions', async (req, reply, ctx) => {
    authorize(req, 'manage-people');
    const values = formValues(req.body);
    const form = parseForm(PositionInput, req.body, ctx.i18n);
    if (!ID_PATTERN.test(req.params.id) || !(await findPerson(db, req.params.id))) throw notFound();
    const result = form.ok
      ? await addPosition(
          db,
          signedIn(req.user),
          req.params.id,
          {
            organisationId: form.data.organisationId,
            title: collectTranslated(form.data, 'title'),
            since: form.data.since,
          },
          ctx.i18n,
        )
      : form;
    if (!result.ok) {
      reply.code(422);
      return personPage(ctx, req.params.id, { values, errors: result.errors });
    }
    flash(reply, 'people.positionAdded');
    return reply.redirect(`/${ctx.i18n.lang}/people/${req.params.id}`, 303);
  });

  langRoute<{ id: string }>(app, 'POST', '/positions/:id/end', async (req, reply, ctx) => {
    authorize(req, 'manage-people');
    if (!ID_PATTERN.test(req.params.id)) throw notFound();
    const form = parseForm(EndPositionInput, req.body, ctx.i18n);
    if (!form.ok) throw new HttpError(422, 'until', 'validation.date');
    const result = await endPosition(db, signedIn(req.user), req.params.id, form.data.until, ctx.i18n);
    if (!result.ok) throw new HttpError(422, 'until before since', 'validation.dateOrder');
    flash(reply, 'people.positionEnded');
    return reply.redirect(`/${ctx.i18n.lang}/people/${result.value}`, 303);
  });
}
