import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { ORGANISATION_CATEGORIES } from '../../core/db/schema-organisations.ts';
import { apiGet, apiGetOne, listAnswer, listPageSchema } from '../../core/http/api-list.ts';
import { notFound } from '../../core/http/http-error.ts';
import { TranslatedText as Translated } from '../../core/http/openapi.ts';
import { authorize } from '../../core/http/pages.ts';
import { type ApiOrganisation, apiOrganisation, apiOrganisations } from './queries.ts';
import { OrganisationsApiQuery } from './schema.ts';

export const OrganisationSchema = z.object({
  slug: z.string(),
  category: z.enum(ORGANISATION_CATEGORIES as [string, ...string[]]),
  name: Translated,
  shortName: Translated,
  website: z.string().nullable(),
  /** The slug of the organisation it is a unit of. */
  parent: z.string().nullable(),
  memberships: z.array(
    z.object({
      body: z.object({ slug: z.string(), name: Translated }),
      status: z.enum(['member', 'observer', 'guest']),
      since: z.string(),
      until: z.string().nullable(),
    }),
  ),
  updatedAt: z.string(),
  url: z.string(),
});
export const OrganisationDetailSchema = OrganisationSchema.extend({ units: z.array(z.string()) });

/** The read API of organisations and their membership of the platform's bodies: public, CORS-open. */
export function organisationsApi(app: FastifyInstance, deps: { publicUrl: string }) {
  const db = app.db;
  const json = <O extends ApiOrganisation>(o: O) => ({
    ...o,
    updatedAt: new Date(o.updatedAt).toISOString(),
    url: `${deps.publicUrl}/en/organisations/${o.slug}`,
  });

  apiGet(
    app,
    '/api/v1/organisations',
    {
      summary: 'Organisations (state bodies, NGOs, the ombudsman, international partners…) with their membership',
      query: OrganisationsApiQuery,
      response: {
        name: 'OrganisationList',
        schema: listPageSchema(OrganisationSchema),
        description: 'A page of organisations',
      },
    },
    async (req, q) => {
      authorize(req, 'read-public');
      return listAnswer(await apiOrganisations(db, q), q, json);
    },
  );

  apiGetOne(app, '/api/v1/organisations/:slug', {
    summary: 'One organisation with its membership and units',
    record: { name: 'Organisation', schema: OrganisationDetailSchema, noun: 'organisation' },
    parameter: 'The organisation’s slug (as in its page’s address)',
    handler: async (req) => {
      authorize(req, 'read-public');
      const slug = req.params.slug;
      const o = /^[a-z0-9-]{1,100}$/.test(slug) ? await apiOrganisation(db, slug) : undefined;
      if (!o) throw notFound(`organisation ${slug}`);
      return json(o);
    },
  });
}
