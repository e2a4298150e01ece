import type { MultipartFile } from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { userActor } from '../../core/audit.ts';
import type { RatificationStatus } from '../../core/db/schema-obligations.ts';
import { checkedParts, formatSize } from '../../core/files/upload.ts';
import type { PageContext } from '../../core/html/context.ts';
import { collectTranslated, type FieldErrors, formValues, parseForm } from '../../core/http/forms.ts';
import { HttpError, notFound } from '../../core/http/http-error.ts';
import { authorize, flash, langRoute } from '../../core/http/pages.ts';
import { importRatifications, saveRatification, today } from './mechanisms.ts';
import { catalogue, cyclesOf, homeStateCode, type Mechanism, mechanismByCode, recommendationCount } from './queries.ts';
import { decodeUtf8, MAX_RATIFICATION_BYTES, problemText } from './ratifications-csv.ts';
import { RatificationInput } from './schema.ts';
import { CataloguePage, type ImportState, MechanismPage, RatificationFormPage, type Values } from './views/pages.tsx';

type Params = { code: string };

/** What an import form carried: the pasted table and/or the chosen file. */
interface ImportForm {
  pasted: string;
  file: { filename: string; bytes: Buffer; tooLarge: boolean } | undefined;
}

/**
 * Reads the import form. A multipart body is streamed, so the global CSRF hook cannot see it: the
 * token must come first and is checked here before the file is read (the route is registered with
 * `csrfInHandler`). The file is kept in memory only up to the limit; the rest is drained.
 */
async function readImportForm(
  app: FastifyInstance,
  req: FastifyRequest,
  reply: FastifyReply,
  lang: string,
): Promise<ImportForm | undefined> {
  if (!req.isMultipart()) {
    const body = (req.body ?? {}) as Record<string, unknown>;
    return { pasted: typeof body.csv === 'string' ? body.csv : '', file: undefined };
  }
  if (Number(req.headers['content-length'] ?? 0) > 4 * MAX_RATIFICATION_BYTES)
    throw new HttpError(413, 'ratification table too large', 'mechanisms.import.tooLarge', {
      size: formatSize(MAX_RATIFICATION_BYTES, lang),
    });
  const form: ImportForm = { pasted: '', file: undefined };
  let csrfChecked = false;
  for await (const part of checkedParts(app, req, reply)) {
    if (part.type === 'field') {
      if (part.fieldname === '_csrf') csrfChecked = true;
      else if (part.fieldname === 'csv') form.pasted = typeof part.value === 'string' ? part.value : '';
      continue;
    }
    form.file = await readLimited(part);
  }
  if (reply.sent) return undefined;
  if (!csrfChecked) throw new HttpError(403, 'no CSRF token', 'error.csrf');
  return form;
}

async function readLimited(part: MultipartFile) {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of part.file as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size <= MAX_RATIFICATION_BYTES) chunks.push(chunk);
  }
  return {
    filename: part.filename,
    bytes: Buffer.concat(chunks),
    tooLarge: size > MAX_RATIFICATION_BYTES || part.file.truncated,
  };
}

/** The catalogue of mechanisms, one mechanism's page, the ratification form and the CSV import. */
export function mechanismRoutes(app: FastifyInstance) {
  const db = app.db;

  async function cataloguePage(ctx: PageContext, importState?: ImportState) {
    const [mechanisms, state] = await Promise.all([catalogue(db), homeStateCode(db)]);
    return <CataloguePage ctx={ctx} state={state} mechanisms={mechanisms} importState={importState} />;
  }

  /** A treaty body by its code, or 404 (the UPR and special procedures have nothing to ratify). */
  async function treatyBody(code: string): Promise<Mechanism> {
    const m = await mechanismByCode(db, code);
    if (m?.kind !== 'treaty_body') throw notFound(`treaty body ${code}`);
    return m;
  }

  langRoute(app, 'GET', '/mechanisms', async (_req, _reply, ctx) => cataloguePage(ctx));

  langRoute<Params>(app, 'GET', '/mechanisms/:code', async (req, _reply, ctx) => {
    const m = await mechanismByCode(db, req.params.code);
    if (!m) throw notFound(`mechanism ${req.params.code}`);
    const state = await homeStateCode(db);
    const [cycles, count] = await Promise.all([cyclesOf(db, m.id, state), recommendationCount(db, m.id)]);
    return (
      <MechanismPage ctx={ctx} state={state} mechanism={m} cycles={cycles} recommendations={count} today={today()} />
    );
  });

  // ---- staff: one treaty's ratification ------------------------------------------------------
  async function formPage(ctx: PageContext, m: Mechanism, values: Values, errors?: FieldErrors) {
    const state = await homeStateCode(db);
    return <RatificationFormPage ctx={ctx} state={state} mechanism={m} values={values} errors={errors} />;
  }

  langRoute<Params>(app, 'GET', '/mechanisms/:code/ratification', async (req, _reply, ctx) => {
    authorize(req, 'manage-obligations');
    const m = await treatyBody(req.params.code);
    return formPage(ctx, m, {
      status: m.status ?? '',
      signedOn: m.signedOn ?? '',
      ratifiedOn: m.ratifiedOn ?? '',
      note_kk: m.note.kk,
      note_ru: m.note.ru,
      note_en: m.note.en,
    });
  });

  langRoute<Params>(app, 'POST', '/mechanisms/:code/ratification', async (req, reply, ctx) => {
    authorize(req, 'manage-obligations');
    const user = req.user;
    if (!user) throw new HttpError(401);
    const m = await treatyBody(req.params.code);
    const values = formValues(req.body);
    const form = parseForm(RatificationInput, req.body, ctx.i18n);
    if (!form.ok) {
      reply.code(422);
      return formPage(ctx, m, values, form.errors);
    }
    const d = form.data;
    const result = await saveRatification(db, userActor(user), m.id, {
      status: d.status === '' ? null : (d.status as RatificationStatus),
      signedOn: d.signedOn ?? null,
      ratifiedOn: d.ratifiedOn ?? null,
      note: collectTranslated(d, 'note'),
    });
    if (!result.ok) {
      const errors: FieldErrors = {};
      for (const e of result.errors) errors[e.field] ??= problemText(ctx.i18n, e);
      reply.code(422);
      return formPage(ctx, m, values, errors);
    }
    flash(reply, result.changed ? 'mechanisms.saved' : 'mechanisms.unchanged');
    return reply.redirect(`/${ctx.i18n.lang}/mechanisms/${m.code}`, 303);
  });

  // ---- staff: import a table of ratifications ------------------------------------------------
  langRoute(
    app,
    'POST',
    '/mechanisms/ratifications',
    async (req, reply, ctx) => {
      // Refused before the body is read: visitors and citizens never get to send a file.
      authorize(req, 'manage-obligations');
      const user = req.user;
      if (!user) throw new HttpError(401);
      const form = await readImportForm(app, req, reply, ctx.i18n.lang);
      if (!form) return reply;
      const { i18n } = ctx;
      const pasted = form.pasted.length > MAX_RATIFICATION_BYTES ? '' : form.pasted;
      const refuse = (field: 'file' | 'csv', message: string) => {
        reply.code(422);
        return cataloguePage(ctx, { errors: { [field]: message }, pasted });
      };
      const file = form.file && (form.file.filename !== '' || form.file.bytes.length > 0) ? form.file : undefined;
      if (form.pasted.length > MAX_RATIFICATION_BYTES || file?.tooLarge)
        return refuse(
          file ? 'file' : 'csv',
          i18n.t('mechanisms.import.tooLarge', { size: formatSize(MAX_RATIFICATION_BYTES, i18n.lang) }),
        );
      if (file && pasted.trim() !== '') return refuse('csv', i18n.t('mechanisms.import.both'));
      let text: string;
      let filename: string;
      if (file) {
        const decoded = decodeUtf8(file.bytes);
        if (decoded === undefined) return refuse('file', i18n.t('mechanisms.import.notText'));
        text = decoded;
        filename = file.filename || 'ratifications.csv';
      } else if (pasted.trim() !== '') {
        text = pasted;
        filename = '(pasted)';
      } else {
        return refuse('file', i18n.t('mechanisms.import.nothing'));
      }
      const outcome = await importRatifications(db, userActor(user), { text, filename });
      if (!outcome.ok) {
        reply.code(422);
        if ('file' in outcome)
          return cataloguePage(ctx, {
            errors: { [file ? 'file' : 'csv']: problemText(i18n, outcome.file) },
            pasted,
          });
        return cataloguePage(ctx, { rows: outcome.rows, pasted });
      }
      flash(reply, 'mechanisms.import.done', { changed: outcome.changed, unchanged: outcome.unchanged });
      return reply.redirect(`/${i18n.lang}/mechanisms`, 303);
    },
    { csrfInHandler: true },
  );
}
