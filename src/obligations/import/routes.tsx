import type { FastifyInstance, FastifyRequest } from 'fastify';
import { userActor } from '../../core/audit.ts';
import type { CurrentUser } from '../../core/auth/user.ts';
import { checkedParts, formatSize } from '../../core/files/upload.ts';
import type { PageContext } from '../../core/html/context.ts';
import type { FieldErrors } from '../../core/http/forms.ts';
import { HttpError, notFound } from '../../core/http/http-error.ts';
import { authorize, flash, langRoute } from '../../core/http/pages.ts';
import { type I18n, i18nFor, type MessageKey } from '../../core/i18n/i18n.ts';
import { LANGS } from '../../core/i18n/locales.ts';
import { isField, type Mapping, mappingProblems, parseSettings, type Settings } from './columns.ts';
import { isEncoding } from './decode.ts';
import { MAX_FILE_BYTES } from './limits.ts';
import { ImportProblem } from './problem.ts';
import { importById, mechanismChoices, recentImports, rejectionsOf } from './queries.ts';
import { reasonText } from './reason-text.ts';
import { receiveImportFile, rereadImport, storedFile } from './receive.ts';
import { claimImport, runImport } from './run.ts';
import { ImportListPage, ImportPage, type PreviewForm } from './views.tsx';

const ID = /^[1-9]\d{0,17}$/;

function staff(req: FastifyRequest): CurrentUser {
  authorize(req, 'manage-obligations');
  return req.user as CurrentUser;
}

function problemMessage(i18n: I18n, problem: ImportProblem): string {
  return reasonText(i18n, problem.reason);
}

/**
 * The import of recommendations on the web: upload → preview (format, encoding, what each column
 * holds) → start → progress → outcome. Staff only (`manage-obligations`). The import runs in the
 * process that started it, but everything a page shows is read from PostgreSQL, so any process
 * serves the progress and the outcome.
 */
export function importRoutes(app: FastifyInstance) {
  const db = app.db;
  // Imports this process runs, so that shutting down stops them (rolled back, shown as stopped).
  const running = new Map<string, { controller: AbortController; done: Promise<unknown> }>();
  app.addHook('onClose', async () => {
    for (const r of running.values()) r.controller.abort();
    await Promise.allSettled([...running.values()].map((r) => r.done));
  });

  const listPage = async (ctx: PageContext, errors?: FieldErrors) => (
    <ImportListPage ctx={ctx} imports={await recentImports(db)} errors={errors} />
  );

  langRoute(app, 'GET', '/recommendations/import', async (req, _reply, ctx) => {
    staff(req);
    return listPage(ctx);
  });

  // The upload: streamed into PostgreSQL as it arrives; the CSRF token is checked from the form's
  // first field before any of the file is read (the global hook cannot see a streamed body).
  langRoute(
    app,
    'POST',
    '/recommendations/import',
    async (req, reply, ctx) => {
      const user = staff(req);
      if (!req.isMultipart()) throw new HttpError(415);
      if (Number(req.headers['content-length'] ?? 0) > MAX_FILE_BYTES + 1024 * 1024) {
        throw new HttpError(413, 'import too large', 'import.error.tooLarge', {
          size: formatSize(MAX_FILE_BYTES, ctx.i18n.lang),
        });
      }
      const fields: Record<string, string> = {};
      let outcome: { id: string } | { error: string } | undefined;
      for await (const part of checkedParts(app, req, reply, { fileSize: MAX_FILE_BYTES, files: 1 })) {
        if (part.type === 'field') {
          if (typeof part.value === 'string') fields[part.fieldname] = part.value;
          continue;
        }
        if (outcome || part.filename === '') {
          part.file.resume();
          continue;
        }
        const file = part.file;
        const bytes = (async function* () {
          for await (const chunk of file) yield chunk as Buffer;
          // busboy stops at the limit and marks the stream, rather than failing it.
          if (file.truncated) throw new ImportProblem('import.error.tooLarge', { size: MAX_FILE_BYTES });
        })();
        try {
          const encoding = isEncoding(fields.encoding) ? fields.encoding : undefined;
          const received = await receiveImportFile(db, {
            filename: part.filename,
            userId: user.id,
            bytes,
            store: true,
            ...(encoding ? { encoding } : {}),
          });
          outcome = { id: received.id };
        } catch (err) {
          if (!(err instanceof ImportProblem)) throw err;
          // Let the rest of the upload flow to nowhere, so the request completes and we can answer.
          file.resume();
          outcome = { error: problemMessage(ctx.i18n, err) };
        }
      }
      if (reply.sent) return reply;
      if (!outcome) outcome = { error: ctx.i18n.t('import.error.noFile') };
      if ('error' in outcome) {
        reply.code(422);
        return listPage(ctx, { file: outcome.error });
      }
      return reply.redirect(`/${ctx.i18n.lang}/recommendations/import/${outcome.id}`, 303);
    },
    { csrfInHandler: true },
  );

  const loadImport = async (id: string) => {
    const imp = ID.test(id) ? await importById(db, id) : undefined;
    if (!imp) throw notFound(`import ${id}`);
    return imp;
  };

  const importPage = async (ctx: PageContext, id: string, form?: PreviewForm) => {
    const imp = await loadImport(id);
    const [rejections, mechanisms] = await Promise.all([rejectionsOf(db, imp.id), mechanismChoices(db)]);
    const settings = parseSettings(imp.mapping, imp.header.length);
    return (
      <ImportPage
        ctx={ctx}
        imp={imp}
        rejections={rejections}
        mechanisms={mechanisms}
        form={form ?? { settings, skipBadRows: imp.skipBadRows }}
      />
    );
  };

  langRoute<{ id: string }>(app, 'GET', '/recommendations/import/:id', async (req, _reply, ctx) => {
    staff(req);
    return importPage(ctx, req.params.id);
  });

  // What the progress bar's script polls; the same numbers the page shows.
  for (const lang of LANGS) {
    app.get<{ Params: { id: string } }>(`/${lang}/recommendations/import/:id/status.json`, async (req, reply) => {
      staff(req);
      const imp = await loadImport(req.params.id);
      reply.header('cache-control', 'no-store');
      return {
        status: imp.status,
        text: i18nFor(lang).t('import.progressText', { done: imp.processedRows, total: imp.totalRows ?? 0 }),
        processed: imp.processedRows,
        total: imp.totalRows,
        inserted: imp.inserted,
        updated: imp.updated,
        unchanged: imp.unchanged,
        rejected: imp.rejected,
      };
    });
  }

  langRoute<{ id: string }, Record<string, unknown>>(
    app,
    'POST',
    '/recommendations/import/:id/encoding',
    async (req, reply, ctx) => {
      staff(req);
      const imp = await loadImport(req.params.id);
      if (!['pending', 'failed'].includes(imp.status)) throw new HttpError(409, 'import not editable', 'import.notNow');
      const encoding = req.body?.encoding;
      if (!isEncoding(encoding)) throw new HttpError(400, 'unknown encoding');
      try {
        await rereadImport(db, imp.id, encoding);
      } catch (err) {
        if (!(err instanceof ImportProblem)) throw err;
        reply.code(422);
        return importPage(ctx, imp.id, {
          settings: parseSettings(imp.mapping, imp.header.length),
          skipBadRows: imp.skipBadRows,
          errors: { encoding: problemMessage(ctx.i18n, err) },
        });
      }
      flash(reply, 'import.reread.done');
      return reply.redirect(`/${ctx.i18n.lang}/recommendations/import/${imp.id}`, 303);
    },
  );

  langRoute<{ id: string }, Record<string, unknown>>(
    app,
    'POST',
    '/recommendations/import/:id/start',
    async (req, reply, ctx) => {
      const user = staff(req);
      const imp = await loadImport(req.params.id);
      const body = req.body ?? {};
      const parsed = settingsFromForm(body, imp.header.length);
      if (!parsed) throw new HttpError(400, 'malformed import settings');
      const { settings, skipBadRows, twice } = parsed;
      const errors = settingsErrors(ctx.i18n, settings, twice, imp.header);
      const mechanisms = await mechanismChoices(db);
      if (settings.defaults.mechanism && !mechanisms.some((m) => m.code === settings.defaults.mechanism)) {
        errors.default_mechanism = ctx.i18n.t('validation.choice');
      }
      if (Object.keys(errors).length > 0) {
        reply.code(422);
        return importPage(ctx, imp.id, { settings, skipBadRows, errors });
      }
      if (!(await claimImport(db, imp.id, { settings, skipBadRows }))) {
        throw new HttpError(409, 'import running or done', 'import.notNow');
      }
      const controller = new AbortController();
      const done = runImport(db, imp.id, {
        actor: userActor(user),
        open: storedFile(db, imp.id),
        signal: controller.signal,
      })
        .catch((err) => req.log.error({ err, importId: imp.id }, 'recommendation import failed'))
        .finally(() => running.delete(imp.id));
      running.set(imp.id, { controller, done });
      flash(reply, 'import.started');
      return reply.redirect(`/${ctx.i18n.lang}/recommendations/import/${imp.id}`, 303);
    },
  );
}

/** The preview form's columns (col_0 … col_n → field), fixed values and mode; null when malformed. */
function settingsFromForm(
  body: Record<string, unknown>,
  columns: number,
): { settings: Settings; skipBadRows: boolean; twice: number[] } | null {
  const mapping: Mapping = {};
  const twice: number[] = [];
  for (let i = 0; i < columns; i++) {
    const value = body[`col_${i}`];
    if (value === undefined || value === '') continue;
    if (!isField(value)) return null;
    if (mapping[value] !== undefined) twice.push(i);
    else mapping[value] = i;
  }
  const defaults: Settings['defaults'] = {};
  const state = body.default_state;
  const mechanism = body.default_mechanism;
  if (typeof state === 'string' && state !== '') {
    if (!/^[A-Z]{2}$/.test(state)) return null;
    defaults.state = state;
  }
  if (typeof mechanism === 'string' && mechanism !== '') {
    if (!/^[A-Z][A-Z0-9-]{1,19}$/.test(mechanism)) return null;
    defaults.mechanism = mechanism;
  }
  const mode = body.mode;
  if (mode !== undefined && mode !== 'all' && mode !== 'skip') return null;
  // A field chosen for two columns keeps the first; the others are reported.
  return { settings: parseSettings({ columns: mapping, defaults }, columns), skipBadRows: mode === 'skip', twice };
}

function settingsErrors(i18n: I18n, settings: Settings, twice: number[], header: string[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const column of twice) {
    errors[`col_${column}`] = i18n.t('import.mapping.twice', { column: header[column] || String(column + 1) });
  }
  for (const problem of mappingProblems(settings, header.length)) {
    if (problem.key === 'import.mapping.required') {
      const field = problem.field;
      const label = i18n.t(`import.field.${field}` as MessageKey);
      const target = field === 'state' ? 'default_state' : field === 'mechanism' ? 'default_mechanism' : 'col_0';
      errors[target] = i18n.t('import.mapping.required', { field: label });
    } else {
      errors[`col_${problem.column}`] = i18n.t('import.mapping.twice', {
        column: header[problem.column] || String(problem.column + 1),
      });
    }
  }
  return errors;
}
