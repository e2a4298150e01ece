import type { PageContext } from '../../core/html/context.ts';
import { TranslatedInputs, type Values } from '../../core/html/fields.tsx';
import { ErrorSummary, Form, Submit } from '../../core/html/form.tsx';
import { Layout } from '../../core/html/layout.tsx';
import type { FieldErrors } from '../../core/http/forms.ts';
import { LANG_NATIVE_NAMES, LANGS } from '../../core/i18n/locales.ts';
import type { Translated } from '../../core/i18n/translated.ts';
import type { MeetingDetail } from '../queries.ts';
import { MeetingHeader } from '../views/manage-parts.tsx';

export function CommuniquePage({
  ctx,
  meeting,
  communique,
  values,
  errors,
}: {
  ctx: PageContext;
  meeting: MeetingDetail;
  communique: { title: Translated; body: Translated; publishedAt: Date | null } | undefined;
  values: Values;
  errors?: FieldErrors | undefined;
}) {
  const { i18n } = ctx;
  const base = `/${i18n.lang}/meetings/${meeting.id}/communique`;
  return (
    <Layout ctx={ctx} title={i18n.t('meeting.communique')} section="meetings">
      <MeetingHeader ctx={ctx} meeting={meeting} title={i18n.t('meeting.communique')} />
      <ErrorSummary ctx={ctx} errors={errors} />
      {communique?.publishedAt && (
        <p class="flash">{i18n.t('communique.publishedOn', { date: i18n.date(communique.publishedAt) })}</p>
      )}
      <Form ctx={ctx} action={`${base}/generate`}>
        {communique && <p class="hint">{i18n.t('communique.regenerateWarning')}</p>}
        <Submit>{i18n.t('communique.generate')}</Submit>
      </Form>
      {communique && (
        <Form ctx={ctx} action={base}>
          <TranslatedInputs
            prefix="title"
            legend={i18n.t('communique.titleField')}
            values={values}
            errors={errors}
            maxLength={300}
          />
          {LANGS.map((l) => (
            <div class="field">
              <label for={`field-body_${l}`}>
                {i18n.t('communique.bodyField')} — <span lang={l}>{LANG_NATIVE_NAMES[l]}</span>
              </label>
              <textarea id={`field-body_${l}`} name={`body_${l}`} rows={14} lang={l}>
                {values[`body_${l}`] ?? ''}
              </textarea>
            </div>
          ))}
          <Submit>{i18n.t('communique.save')}</Submit>
        </Form>
      )}
      {communique && !communique.publishedAt && meeting.status === 'minutes_approved' && (
        <Form ctx={ctx} action={`${base}/publish`}>
          <Submit>{i18n.t('communique.publish')}</Submit>
        </Form>
      )}
      {communique && meeting.status !== 'minutes_approved' && !communique.publishedAt && (
        <p class="hint">{i18n.t('communique.notApproved')}</p>
      )}
    </Layout>
  );
}
