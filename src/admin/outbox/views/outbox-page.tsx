import type { PageContext } from '../../../core/html/context.ts';
import { TitledPage } from '../../../core/html/layout.tsx';

import { AdminNav } from '../../views/admin-nav.tsx';

export function OutboxPage({
  ctx,
  messages,
}: {
  ctx: PageContext;
  messages: {
    id: string;
    to: string;
    subject: string;
    text: string;
    createdAt: Date;
    sentAt: Date | null;
    lastError: string | null;
  }[];
}) {
  const { i18n } = ctx;
  return (
    <TitledPage ctx={ctx} title={i18n.t('admin.outbox')} section="admin">
      <AdminNav ctx={ctx} />
      <p>{i18n.t('admin.outboxIntro')}</p>
      {messages.length === 0 && <p>{i18n.t('admin.outboxEmpty')}</p>}
      {messages.map((m) => (
        <article class="card mail" aria-labelledby={`mail-${m.id}`}>
          <h2 id={`mail-${m.id}`}>{m.subject}</h2>
          <p>
            {i18n.t('admin.outboxTo')}: {m.to} · {i18n.dateTime(m.createdAt, 'Asia/Almaty')} ·{' '}
            {m.sentAt
              ? i18n.t('admin.outboxSent', { date: i18n.dateTime(m.sentAt, 'Asia/Almaty') })
              : i18n.t('admin.outboxPending')}
            {m.lastError && <span class="muted"> ({m.lastError})</span>}
          </p>
          <pre class="mail">{m.text}</pre>
        </article>
      ))}
    </TitledPage>
  );
}
