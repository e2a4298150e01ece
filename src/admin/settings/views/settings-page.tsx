import type { CommentSettings } from '../../../core/comments/settings.ts';
import type { PageContext } from '../../../core/html/context.ts';
import { fieldsOf, Select, TextField, type Values } from '../../../core/html/fields.tsx';
import { Form, Submit } from '../../../core/html/form.tsx';
import { TitledPage } from '../../../core/html/layout.tsx';
import type { FieldErrors } from '../../../core/http/forms.ts';
import type { MessageKey } from '../../../core/i18n/i18n.ts';
import { LICENCES } from '../../../core/open-data/licences.ts';
import { PLATFORM_SETTINGS, type PlatformSettings } from '../../../core/settings.ts';
import { AdminNav } from '../../views/admin-nav.tsx';

/** A form sent back to be corrected, per section of the page. */
export type SettingsPageForms = Partial<Record<'platform' | 'comments', { values: Values; errors: FieldErrors }>>;

/** The comment settings as the form's values. */
function commentValues(settings: CommentSettings, kinds: readonly { kind: string }[]): Values {
  return Object.fromEntries([
    ...kinds.flatMap(({ kind }) => [
      [`moderation_${kind}`, settings.moderation[kind] ?? 'post'],
      [`close_${kind}`, settings.closeAfterDays[kind]?.toString() ?? ''],
    ]),
    ['words', settings.words.join('\n')],
  ]);
}

function CommentSettingsForm({
  ctx,
  settings,
  kinds,
  form,
}: {
  ctx: PageContext;
  settings: CommentSettings;
  kinds: readonly { kind: string; label: MessageKey }[];
  form: SettingsPageForms['comments'];
}) {
  const { i18n } = ctx;
  const field = fieldsOf(form?.values ?? commentValues(settings, kinds), form?.errors);
  const words = field('words');
  return (
    <section aria-labelledby="comment-settings">
      <h2 id="comment-settings">{i18n.t('admin.settings.comments')}</h2>
      <p class="hint">{i18n.t('admin.settings.comments.intro')}</p>
      <Form ctx={ctx} errors={form?.errors} action={`/${i18n.lang}/admin/settings/comments`}>
        {kinds.map(({ kind, label }) => (
          <fieldset>
            <legend>{i18n.t(label)}</legend>
            <Select
              {...field(`moderation_${kind}`)}
              label={i18n.t('admin.settings.comments.moderation')}
              options={(['post', 'pre'] as const).map((v) => ({
                value: v,
                label: i18n.t(`admin.settings.comments.${v}`),
              }))}
            />
            <TextField
              {...field(`close_${kind}`)}
              label={i18n.t('admin.settings.comments.closeAfter')}
              hint={i18n.t('admin.settings.comments.closeAfterHint')}
            />
          </fieldset>
        ))}
        <div class={words.error ? 'field has-error' : 'field'}>
          <label for="field-words">{i18n.t('admin.settings.comments.words')}</label>
          <p class="hint" id="hint-words">
            {i18n.t('admin.settings.comments.wordsHint')}
          </p>
          {words.error && (
            <p class="field-error" id="error-words">
              {words.error}
            </p>
          )}
          <textarea
            id="field-words"
            name="words"
            rows={6}
            aria-invalid={words.error ? 'true' : undefined}
            aria-describedby={words.error ? 'hint-words error-words' : 'hint-words'}
          >
            {words.value ?? ''}
          </textarea>
        </div>
        <Submit>{i18n.t('form.save')}</Submit>
      </Form>
    </section>
  );
}

export function SettingsPage({
  ctx,
  platform,
  comments,
  kinds,
  forms = {},
}: {
  ctx: PageContext;
  /** The platform's settings, for whoever may change them (administrators). */
  platform: PlatformSettings | undefined;
  /** The comment settings, for whoever may change them (the secretariat and administrators). */
  comments: CommentSettings | undefined;
  kinds: readonly { kind: string; label: MessageKey }[];
  forms?: SettingsPageForms;
}) {
  const { i18n } = ctx;
  return (
    <TitledPage ctx={ctx} title={i18n.t('admin.settings')} section="admin">
      <AdminNav ctx={ctx} />
      {platform && <PlatformSettingsForm ctx={ctx} settings={platform} form={forms.platform} />}
      {comments && <CommentSettingsForm ctx={ctx} settings={comments} kinds={kinds} form={forms.comments} />}
    </TitledPage>
  );
}

function PlatformSettingsForm({
  ctx,
  settings,
  form,
}: {
  ctx: PageContext;
  settings: PlatformSettings;
  form: SettingsPageForms['platform'];
}) {
  const { i18n } = ctx;
  const field = fieldsOf(form?.values ?? settings, form?.errors);
  return (
    <Form ctx={ctx} errors={form?.errors} action={`/${i18n.lang}/admin/settings`}>
      <Select
        {...field('comments_on_account_deletion')}
        label={i18n.t('admin.settings.commentsOnDeletion')}
        options={PLATFORM_SETTINGS.comments_on_account_deletion.map((v) => ({
          value: v,
          label: i18n.t(`admin.settings.commentsOnDeletion.${v}`),
        }))}
      />
      <Select
        {...field('open_data_licence')}
        label={i18n.t('openData.licenceSetting')}
        options={PLATFORM_SETTINGS.open_data_licence.map((v) => ({ value: v, label: LICENCES[v].name }))}
      />
      <Submit>{i18n.t('form.save')}</Submit>
    </Form>
  );
}
