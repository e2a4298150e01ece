import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { PageContext } from '../html/context.ts';
import { Layout } from '../html/layout.tsx';
import { renderPage } from '../html/render.ts';
import { i18nFor, type MessageKey } from '../i18n/i18n.ts';
import { HttpError } from './http-error.ts';
import { isCutMultipart } from './input-guard.ts';
import { apiLang, requestLang } from './lang.ts';
import { pageContext } from './pages.ts';

type PageContextWithReference = PageContext & { reference: string };

const SHOWN = new Set([400, 403, 404, 405, 409, 413, 415, 422, 429, 500, 503]);

/** Maps any status to one we have words for. */
function shownStatus(status: number): number {
  if (SHOWN.has(status)) return status;
  return status >= 500 ? 500 : 400;
}

function ErrorPage({ ctx, status, text }: { ctx: PageContextWithReference; status: number; text: string }) {
  const { i18n } = ctx;
  const title = i18n.t(`error.${status}.title` as MessageKey);
  return (
    <Layout ctx={ctx} title={title}>
      <div class="error-page">
        <h1>{title}</h1>
        <p>{text}</p>
        {status >= 500 && <p class="muted">{i18n.t('error.reference', { id: ctx.reference })}</p>}
        <p>
          <a href={`/${i18n.lang}/`}>{i18n.t('error.backHome')}</a>
        </p>
      </div>
    </Layout>
  );
}

/**
 * Answers an error in the request's language: JSON under /api/, a page elsewhere. `messageKey`
 * replaces the status's general text with a more precise one (an expired form, a locked account).
 */
export function sendError(
  req: FastifyRequest,
  reply: FastifyReply,
  rawStatus: number,
  messageKey?: MessageKey,
  params: Record<string, string | number> = {},
) {
  const api = req.url.startsWith('/api/') || req.url === '/api';
  const lang = api ? apiLang(req) : requestLang(req);
  const i18n = i18nFor(lang);
  // A visitor who needs to sign in is sent to do so, and brought back afterwards.
  if (rawStatus === 401 && req.method === 'GET' && !api) {
    return reply.redirect(`/${lang}/sign-in?next=${encodeURIComponent(req.url)}`, 303);
  }
  const status = shownStatus(rawStatus === 401 ? 403 : rawStatus);
  const retryAfter = Number(reply.getHeader('retry-after') ?? 60);
  const text = i18n.t(messageKey ?? (`error.${status}.text` as MessageKey), { count: retryAfter, ...params });
  reply.code(status);
  if (api) {
    return reply.type('application/json; charset=utf-8').send({
      error: {
        status,
        title: i18n.t(`error.${status}.title` as MessageKey),
        message: text,
        ...(status >= 500 ? { reference: req.id } : {}),
      },
    });
  }
  const ctx = { ...pageContext(req, reply, lang), reference: req.id };
  return reply.type('text/html; charset=utf-8').send(renderPage(<ErrorPage ctx={ctx} status={status} text={text} />));
}

/**
 * PostgreSQL's "data exception" class (22: a value out of range, a date that does not exist, a byte
 * the encoding cannot hold) and "program limit exceeded" (54: e.g. a value too large for an index)
 * mean the request carried a value that cannot be stored; the transaction was rolled back.
 */
function isDataRefusedByDatabase(err: unknown): boolean {
  const code = (err as { code?: unknown }).code;
  return typeof code === 'string' && /^(22|54)[0-9A-Z]{3}$/.test(code) && 'severity' in (err as object);
}

/**
 * One place turns every failure into a response: known statuses keep their code, anything else is
 * logged with its stack and shown as 500 with a reference, never with a stack trace.
 */
export function registerErrorHandling(app: FastifyInstance) {
  app.setErrorHandler((err: FastifyError | HttpError, req, reply) => {
    if (isDataRefusedByDatabase(err)) {
      // The input guard and the schemas should have refused this value: logged with its stack to be
      // fixed there, but the request was bad data, not a failure of Kenes (400, nothing was written).
      req.log.warn({ err }, 'input refused by the database');
      return sendError(req, reply, 400, 'error.unstorable');
    }
    if (isCutMultipart(err)) {
      // The upload's transaction was rolled back with the failed read: nothing of it is kept.
      req.log.info({ reason: err.message }, 'upload cut off');
      return sendError(req, reply, 400, 'error.uploadIncomplete');
    }
    const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 600 ? err.statusCode : 500;
    if (status >= 500) req.log.error({ err }, 'request failed');
    else req.log.info({ status, reason: err.message }, 'request refused');
    const code = (err as FastifyError).code;
    const key = code?.startsWith('FST_CSRF_') ? 'error.csrf' : err instanceof HttpError ? err.messageKey : undefined;
    return sendError(req, reply, status, key, err instanceof HttpError ? err.params : {});
  });
  app.setNotFoundHandler((req, reply) => sendError(req, reply, 404));
}
