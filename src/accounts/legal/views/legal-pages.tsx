import type { LegalTextKind } from '../../../core/db/schema.ts';
import type { PageContext } from '../../../core/html/context.ts';
import { fieldsOf, TranslatedInputs, type Values } from '../../../core/html/fields.tsx';
import { Form, Submit } from '../../../core/html/form.tsx';
import { TitledPage } from '../../../core/html/layout.tsx';
import { renderMarkdown } from '../../../core/html/markdown.ts';
import { TrustedHtml } from '../../../core/html/trusted-html.tsx';
import type { FieldErrors } from '../../../core/http/forms.ts';
import type { LegalText } from '../queries.ts';

const TITLE = { terms: 'legal.terms', privacy: 'legal.privacy' } as const;

/** The terms of use or the privacy notice, in the reader's language (or marked as a fallback). */
export function LegalPage({ ctx, text }: { ctx: PageContext; text: LegalText }) {
  const { i18n } = ctx;
  const title = i18n.t(TITLE[text.kind]);
  const body = i18n.pick(text.body);
  return (
    <TitledPage ctx={ctx} title={title}>
      <p class="hint">{i18n.t('legal.version', { version: text.version, date: i18n.date(text.createdAt) })}</p>
      {body && (
        <div lang={body.lang} class="legal-text">
          {body.fallback && <p class="untranslated">({i18n.t('lang.notTranslated')})</p>}
          <TrustedHtml html={renderMarkdown(body.text)} />
        </div>
      )}
      {ctx.can('edit-legal-texts') && (
        <p>
          <a href={`/${i18n.lang}/${text.kind}/edit`}>{i18n.t('legal.edit')}</a>
        </p>
      )}
    </TitledPage>
  );
}

/** The secretariat's form: the text in kk, ru and en (Markdown); saving makes the next version. */
export function LegalEditPage({
  ctx,
  kind,
  values,
  errors,
}: {
  ctx: PageContext;
  kind: LegalTextKind;
  values: Values;
  errors?: FieldErrors | undefined;
}) {
  const { i18n } = ctx;
  const title = i18n.t('legal.editTitle', { title: i18n.t(TITLE[kind]) });
  const field = fieldsOf(values, errors);
  return (
    <TitledPage ctx={ctx} title={title}>
      <Form ctx={ctx} errors={errors} action={`/${i18n.lang}/${kind}/edit`}>
        <input type="hidden" name="version" value={values.version ?? ''} />
        <TranslatedInputs
          {...field.translated('body')}
          legend={i18n.t('legal.body')}
          hint={i18n.t('legal.editHint')}
          maxLength={50_000}
          rows={16}
        />
        <Submit>{i18n.t('form.save')}</Submit>
      </Form>
    </TitledPage>
  );
}
