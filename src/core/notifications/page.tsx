import type { NotificationItem } from '../extensions.ts';
import type { PageContext } from '../html/context.ts';
import { Select } from '../html/fields.tsx';
import { Form, Submit } from '../html/form.tsx';
import { Layout } from '../html/layout.tsx';
import { T } from '../html/text.tsx';

export function NotificationsPage({
  ctx,
  items,
  preference,
}: {
  ctx: PageContext;
  items: NotificationItem[];
  preference: string;
}) {
  const { i18n } = ctx;
  const lang = i18n.lang;
  return (
    <Layout ctx={ctx} title={i18n.t('notifications.title')} section="account">
      <h1>{i18n.t('notifications.title')}</h1>
      <Form ctx={ctx} action={`/${lang}/notifications/preference`}>
        <Select
          name="notify"
          label={i18n.t('notifications.preference')}
          value={preference}
          options={(['immediately', 'daily', 'weekly', 'never'] as const).map((n) => ({
            value: n,
            label: i18n.t(`notifications.preference.${n}`),
          }))}
        />
        <Submit>{i18n.t('form.save')}</Submit>
      </Form>
      {items.length === 0 ? (
        <p>{i18n.t('notifications.none')}</p>
      ) : (
        <>
          <Form ctx={ctx} action={`/${lang}/notifications/read`}>
            <Submit>{i18n.t('notifications.markRead')}</Submit>
          </Form>
          <ul class="notifications">
            {items.map((n) => (
              <li class={n.read ? 'read' : 'unread'}>
                <time datetime={n.at.toISOString()}>{i18n.dateTime(n.at, 'Asia/Almaty')}</time> —{' '}
                <a href={`/${lang}${n.path}`}>{n.title ? <T value={n.title} i18n={i18n} /> : n.path}</a>: {n.text(i18n)}
              </li>
            ))}
          </ul>
        </>
      )}
    </Layout>
  );
}
