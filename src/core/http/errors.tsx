import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Layout } from '../html/layout.tsx';
import { renderPage } from '../html/render.ts';
import { i18nFor, type MessageKey } from '../i18n/i18n.ts';
import { pathInLang, requestLang } from './lang.ts';

/**
 * An error the user is meant to see: a status and, optionally, a message key. Its `detail` is for
 * the log only and never reaches the user.
 */
export class HttpError extends Error {
  override name = 'HttpError';
  constructor(
    readonly statusCode: number,
    readonly detail?: string,
  ) {
    super(detail ?? `HTTP ${statusCode}`);
  }
}

export const notFound = (detail?: string) => new HttpError(404, detail);
export const forbidden = (detail?: string) => new HttpError(403, detail);

const SHOWN = new Set([400, 403, 404, 405, 413, 415, 422, 429, 500, 503]);

/** Maps any status to one we have words for. */
function shownStatus(status: number): number {
  if (SHOWN.has(status)) return status;
  return status >= 500 ? 500 : 400;
}

function ErrorPage({ req, status, retryAfter }: { req: FastifyRequest; status: number; retryAfter: number }) {
  const i18n = i18nFor(requestLang(req));
  const title = i18n.t(`error.${status}.title` as MessageKey);
  return (
    <Layout ctx={{ i18n, pathInLang: pathInLang(req.url) }} title={title}>
      <div class="error-page">
        <h1>{title}</h1>
        <p>{i18n.t(`error.${status}.text` as MessageKey, { count: retryAfter })}</p>
        {status >= 500 && <p class="muted">{i18n.t('error.reference', { id: req.id })}</p>}
        <p>
          <a href={`/${i18n.lang}/`}>{i18n.t('error.backHome')}</a>
        </p>
      </div>
    </Layout>
  );
}

/** Answers an error in the request's language: JSON under /api/ and for health checks, a page elsewhere. */
export function sendError(req: FastifyRequest, reply: FastifyReply, rawStatus: number) {
  const status = shownStatus(rawStatus);
  const retryAfter = Number(reply.getHeader('retry-after') ?? 60);
  const i18n = i18nFor(requestLang(req));
  reply.code(status);
  if (req.url.startsWith('/api/') || req.url === '/api') {
    return reply.type('application/json; charset=utf-8').send({
      error: {
        status,
        title: i18n.t(`error.${status}.title` as MessageKey),
        message: i18n.t(`error.${status}.text` as MessageKey, { count: retryAfter }),
        ...(status >= 500 ? { reference: req.id } : {}),
      },
    });
  }
  return reply
    .type('text/html; charset=utf-8')
    .send(renderPage(<ErrorPage req={req} status={status} retryAfter={retryAfter} />));
}

/**
 * One place turns every failure into a response: known statuses keep their code, anything else is
 * logged with its stack and shown as 500 with a reference, never with a stack trace.
 */
export function registerErrorHandling(app: FastifyInstance) {
  app.setErrorHandler((err: FastifyError | HttpError, req, reply) => {
    const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 600 ? err.statusCode : 500;
    if (status >= 500) req.log.error({ err }, 'request failed');
    else req.log.info({ status, reason: err.message }, 'request refused');
    return sendError(req, reply, status);
  });
  app.setNotFoundHandler((req, reply) => sendError(req, reply, 404));
}
