import type { PageContext } from '../../../core/html/context.ts';
import { fieldsOf, Select, type Values } from '../../../core/html/fields.tsx';
import { Form, Submit } from '../../../core/html/form.tsx';
import { Layout } from '../../../core/html/layout.tsx';
import type { FieldErrors } from '../../../core/http/forms.ts';
import { PLATFORM_SETTINGS, type PlatformSettings } from '../../../core/settings.ts';
import { AdminNav } from '../../views/admin-nav.tsx';

export function SettingsPage({
  ctx,
  settings,
  values,
  errors,
}: {
  ctx: PageContext;
  settings: PlatformSettings;
  values?: Values | undefined;
  errors?: FieldErrors | undefined;
}) {
  const { i18n } = ctx;
  const field = fieldsOf(values ?? settings, errors);
  return (
    <Layout ctx={ctx} title={i18n.t('admin.settings')} section="admin">
      <h1>{i18n.t('admin.settings')}</h1>
      <AdminNav ctx={ctx} />
      <Form ctx={ctx} errors={errors} action={`/${i18n.lang}/admin/settings`}>
        <Select
          {...field('comments_on_account_deletion')}
          label={i18n.t('admin.settings.commentsOnDeletion')}
          options={PLATFORM_SETTINGS.comments_on_account_deletion.map((v) => ({
            value: v,
            label: i18n.t(`admin.settings.commentsOnDeletion.${v}`),
          }))}
        />
        <Submit>{i18n.t('form.save')}</Submit>
      </Form>
    </Layout>
  );
}
