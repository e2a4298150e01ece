import type { FastifyInstance } from 'fastify';
import type { LegalTextKind } from '../../core/db/schema.ts';
import { translatedValues } from '../../core/html/fields.tsx';
import { formValues, parseForm } from '../../core/http/forms.ts';
import { authorize, flash, langRoute, signedIn } from '../../core/http/pages.ts';
import { translated } from '../../core/i18n/translated.ts';
import { LegalTextInput } from '../schema.ts';
import { currentLegalText, LEGAL_KINDS } from './queries.ts';
import { editLegalText } from './use-cases.ts';
import { LegalEditPage, LegalPage } from './views/legal-pages.tsx';

/** The terms of use and the privacy notice (/{lang}/terms, /{lang}/privacy), and the secretariat's editing. */
export function legalRoutes(app: FastifyInstance) {
  const db = app.db;
  for (const kind of LEGAL_KINDS) legalTextRoutes(app, db, kind);
}

function legalTextRoutes(app: FastifyInstance, db: FastifyInstance['db'], kind: LegalTextKind) {
  langRoute(app, 'GET', `/${kind}`, async (_req, _reply, ctx) => (
    <LegalPage ctx={ctx} text={await currentLegalText(db, kind)} />
  ));

  langRoute(app, 'GET', `/${kind}/edit`, async (req, _reply, ctx) => {
    authorize(req, 'edit-legal-texts');
    const text = await currentLegalText(db, kind);
    const values = { ...translatedValues('body', text.body), version: String(text.version) };
    return <LegalEditPage ctx={ctx} kind={kind} values={values} />;
  });

  langRoute(app, 'POST', `/${kind}/edit`, async (req, reply, ctx) => {
    authorize(req, 'edit-legal-texts');
    const form = parseForm(LegalTextInput, req.body, ctx.i18n);
    const result = form.ok
      ? await editLegalText(
          db,
          signedIn(req.user),
          kind,
          translated({ kk: form.data.body_kk, ru: form.data.body_ru, en: form.data.body_en }),
          form.data.version,
          ctx.i18n.lang,
        )
      : form;
    if (!result.ok) {
      reply.code(422);
      return <LegalEditPage ctx={ctx} kind={kind} values={formValues(req.body)} errors={result.errors} />;
    }
    if (result.value.changed) flash(reply, 'legal.saved', { version: result.value.version });
    else flash(reply, 'legal.unchanged');
    return reply.redirect(`/${ctx.i18n.lang}/${kind}`, 303);
  });
}
