import type { FastifyInstance } from 'fastify';
import { ID_PATTERN } from '../../core/http/forms.ts';
import { notFound } from '../../core/http/http-error.ts';
import { LANGS } from '../../core/i18n/locales.ts';
import { proposalsAtom, publicProposalTitle } from './feeds.ts';

/** /{lang}/proposals.atom (every proposal's changes) and /{lang}/proposals/:id/timeline.atom. */
export function proposalFeedRoutes(app: FastifyInstance, deps: { publicUrl: string }) {
  const db = app.db;
  for (const lang of LANGS) {
    app.get(`/${lang}/proposals.atom`, async (_req, reply) =>
      reply.type('application/atom+xml; charset=utf-8').send(await proposalsAtom(db, deps.publicUrl, lang)),
    );
    app.get<{ Params: { id: string } }>(`/${lang}/proposals/:id/timeline.atom`, async (req, reply) => {
      const id = req.params.id;
      const title = ID_PATTERN.test(id) ? await publicProposalTitle(db, id) : undefined;
      if (!title) throw notFound(`proposal ${id}`);
      const feed = await proposalsAtom(db, deps.publicUrl, lang, { id, title });
      return reply.type('application/atom+xml; charset=utf-8').send(feed);
    });
  }
}
