import type { PageContext } from '../../core/html/context.ts';
import { Checkbox, TranslatedInputs, type Values } from '../../core/html/fields.tsx';
import { ErrorSummary, Form, Submit } from '../../core/html/form.tsx';
import { Layout } from '../../core/html/layout.tsx';
import type { FieldErrors } from '../../core/http/forms.ts';
import { LANG_NATIVE_NAMES, LANGS } from '../../core/i18n/locales.ts';
import type { Translated } from '../../core/i18n/translated.ts';
import type { MeetingDetail } from '../queries.ts';
import { MeetingHeader } from '../views/manage-parts.tsx';
import { MarkedLine } from './marked.tsx';
import { passagesByLanguage } from './marks.ts';

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
  // The stored draft's passages in other languages (what publishing asks about), per language version.
  const passages = communique ? [...passagesByLanguage(communique.title), ...passagesByLanguage(communique.body)] : [];
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
          <p class="hint">{i18n.t('communique.marksHint')}</p>
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
      {passages.length > 0 && (
        <section class="other-languages" aria-labelledby="other-languages">
          <h2 id="other-languages">{i18n.t('communique.otherLanguageDraft')}</h2>
          {LANGS.filter((l) => passages.some((p) => p.in === l)).map((l) => (
            <>
              <h3 lang={l}>{LANG_NATIVE_NAMES[l]}</h3>
              <ul>
                {passages
                  .filter((p) => p.in === l)
                  .map((p) => (
                    <li lang={l}>
                      <MarkedLine ctx={ctx} text={`[[${p.lang}: ${p.text}]]`} />
                    </li>
                  ))}
              </ul>
            </>
          ))}
        </section>
      )}
      {communique && !communique.publishedAt && meeting.status === 'minutes_approved' && (
        <Form ctx={ctx} action={`${base}/publish`} className="publish">
          {passages.length > 0 && (
            <>
              {errors?.confirmOtherLanguages && <p class="field-error">{errors.confirmOtherLanguages}</p>}
              <Checkbox name="confirmOtherLanguages" label={i18n.t('communique.confirmOtherLanguages')} />
            </>
          )}
          <Submit>{i18n.t('communique.publish')}</Submit>
        </Form>
      )}
      {communique && meeting.status !== 'minutes_approved' && !communique.publishedAt && (
        <p class="hint">{i18n.t('communique.notApproved')}</p>
      )}
    </Layout>
  );
}
