import type { FastifyInstance } from 'fastify';
import { notFound } from '../core/http/errors.tsx';
import { getPage } from '../core/http/pages.ts';
import { presentationsBy } from '../meetings/index.ts';
import { findOrganisation, listChildren, listMemberships, listOrganisations } from './queries.ts';
import { OrganisationPage } from './views/organisation-page.tsx';
import { OrganisationsPage } from './views/organisations-page.tsx';

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

export function organisationRoutes(app: FastifyInstance) {
  // The public directory: one query.
  getPage(app, '/organisations', async (_req, ctx) => {
    const organisations = await listOrganisations(app.db);
    return <OrganisationsPage ctx={ctx} organisations={organisations} />;
  });

  // One organisation: four queries whatever it holds.
  getPage<{ slug: string }>(app, '/organisations/:slug', async (req, ctx) => {
    const { slug } = req.params;
    const organisation = SLUG.test(slug) ? await findOrganisation(app.db, slug) : undefined;
    if (!organisation) throw notFound(`organisation ${slug}`);
    const [children, memberships, presentations] = await Promise.all([
      listChildren(app.db, organisation.id),
      listMemberships(app.db, organisation.id),
      presentationsBy(app.db, organisation.id),
    ]);
    return (
      <OrganisationPage
        ctx={ctx}
        organisation={organisation}
        children={children}
        memberships={memberships}
        presentations={presentations}
      />
    );
  });
}
