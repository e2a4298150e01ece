import type { FastifyInstance } from 'fastify';
import type { FileOwner } from '../extensions.ts';
import { ID_PATTERN } from '../http/forms.ts';
import { notFound } from '../http/http-error.ts';
import { sendStoredFile } from './files.ts';

/** The address of a stored file's download (the route below), its name percent-encoded: `/files/{id}/{name}`. */
export function fileUrl(id: string, filename: string): string {
  return `/files/${id}/${encodeURIComponent(filename)}`;
}

/**
 * GET /files/:id/* — every stored file, served to whoever one of its owners admits (decision 0016).
 * The domains own the records files are attached to, and only they know who may read those: each
 * registered FileOwner is asked in parallel, and if none says yes the answer is 404, as for an
 * unknown id. The name after the id only gives the browser a file name (the handler never reads
 * it). It is a wildcard, not a parameter, so the router's 200-character limit on parameters does
 * not apply: a 255-character name percent-encodes to up to 3,060 characters, and every name the
 * upload accepts must download.
 */
export function fileDownloadRoute(app: FastifyInstance, owners: readonly FileOwner[]): void {
  app.get<{ Params: { id: string } }>('/files/:id/*', async (req, reply) => {
    if (!ID_PATTERN.test(req.params.id)) throw notFound();
    const answers = await Promise.all(owners.map((o) => o.mayDownload(app.db, req.user, req.params.id)));
    if (!answers.includes(true)) throw notFound();
    // Always as an attachment: a sandboxed inline PDF shows blank in some browsers.
    return sendStoredFile(reply, app.db, req.params.id, { download: true });
  });
}
