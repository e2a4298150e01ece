import type { PageContext } from '../../core/html/context.ts';

export function AdminNav({ ctx }: { ctx: PageContext }) {
  const { i18n } = ctx;
  const lang = i18n.lang;
  return (
    <ul class="admin-links">
      {ctx.can('invite-users') && (
        <li>
          <a href={`/${lang}/admin`}>{i18n.t('admin.users')}</a>
        </li>
      )}
      {ctx.can('read-audit-log') && (
        <li>
          <a href={`/${lang}/admin/audit`}>{i18n.t('admin.audit')}</a>
        </li>
      )}
      {(ctx.can('manage-settings') || ctx.can('manage-comment-settings')) && (
        <li>
          <a href={`/${lang}/admin/settings`}>{i18n.t('admin.settings')}</a>
        </li>
      )}
      {ctx.can('read-outbox') && (
        <li>
          <a href={`/${lang}/admin/outbox`}>{i18n.t('admin.outbox')}</a>
        </li>
      )}
      {ctx.can('read-backups') && (
        <li>
          <a href={`/${lang}/admin/backups`}>{i18n.t('admin.backups')}</a>
        </li>
      )}
    </ul>
  );
}
