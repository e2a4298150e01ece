import type { NotificationItem } from '../extensions.ts';
import type { PageContext } from '../html/context.ts';
import { Form, Submit } from '../html/form.tsx';
import { TitledPage } from '../html/layout.tsx';
import { T } from '../html/text.tsx';

export function NotificationsPage({ ctx, items }: { ctx: PageContext; items: NotificationItem[] }) {
  const { i18n } = ctx;
  const lang = i18n.lang;
  return (
    <TitledPage ctx={ctx} title={i18n.t('notifications.title')} section="account">
      <p>
        <a href={`/${lang}/account/notifications`}>{i18n.t('notifications.settings')}</a>
      </p>
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
    </TitledPage>
  );
}
