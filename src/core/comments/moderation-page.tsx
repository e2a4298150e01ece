import type { PageContext } from '../html/context.ts';
import { Button, ButtonForm, Form, Submit } from '../html/form.tsx';
import { TitledPage } from '../html/layout.tsx';
import { T } from '../html/text.tsx';
import type { Translated } from '../i18n/translated.ts';
import type { QueueItem } from './queries.ts';
import { HIDE_REASONS } from './schema.ts';
import { Byline, ChoiceField, ZONE } from './views.tsx';

/* The moderation queue of comments. */

export interface QueueEntry extends QueueItem {
  record: { title: Translated; path: string } | null;
}

/** The reason a comment is hidden, or its author blocked, chosen among HIDE_REASONS. */
function HideReasonField({ ctx, id }: { ctx: PageContext; id: string }) {
  const { i18n } = ctx;
  const reasons = HIDE_REASONS.map((r) => ({ value: r, label: i18n.t(`comments.reason.${r}`) }));
  return <ChoiceField id={id} name="reason" label={i18n.t('moderation.hideReason')} options={reasons} />;
}

/** The moderation queue: waiting and reported comments, in context, with their author's history. */
export function ModerationPage({ ctx, items }: { ctx: PageContext; items: QueueEntry[] }) {
  const { i18n } = ctx;
  const lang = i18n.lang;
  return (
    <TitledPage ctx={ctx} title={i18n.t('moderation.title')} section="admin">
      {items.length === 0 && <p>{i18n.t('moderation.empty')}</p>}
      {items.map((c) => (
        <section class="moderation-item" id={`comment-${c.id}`} aria-labelledby={`moderation-${c.id}`}>
          <h2 id={`moderation-${c.id}`}>
            {c.state === 'pending'
              ? c.heldFor === 'words'
                ? i18n.t('moderation.heldForWords')
                : i18n.t('moderation.pending')
              : i18n.t('moderation.flags', { count: c.flags.length })}
          </h2>
          {c.record && (
            <p>
              {i18n.t('moderation.on')}:{' '}
              <a href={`/${lang}${c.record.path}#comment-${c.id}`}>
                <T value={c.record.title} i18n={i18n} />
              </a>
            </p>
          )}
          {c.parent && (
            <blockquote class="comment-context">
              <p class="muted">
                {i18n.t('moderation.inReplyTo')} {c.parent.authorName ?? i18n.t('comments.deletedUser')}
              </p>
              <p>{c.parent.body}</p>
            </blockquote>
          )}
          <Byline ctx={ctx} c={c} />
          <div lang={c.lang} class="comment-source">
            <p>{c.body}</p>
          </div>
          <p class="muted">
            {i18n.t('moderation.author')}: {c.authorName ?? i18n.t('comments.deletedUser')} —{' '}
            {i18n.t('moderation.history', {
              published: c.history.published,
              hidden: c.history.hidden,
              pending: c.history.pending,
            })}
            {c.blockedUntil && (
              <> — {i18n.t('moderation.blockedUntil', { until: i18n.dateTime(c.blockedUntil, ZONE) })}</>
            )}
          </p>
          {c.flags.length > 0 && (
            <ul class="flags">
              {c.flags.map((f) => (
                <li>{f.reason}</li>
              ))}
            </ul>
          )}
          <div class="moderation-actions">
            {c.state === 'pending' && (
              <ButtonForm ctx={ctx} action={`/${lang}/moderation/${c.id}/approve`}>
                {i18n.t('moderation.approve')}
              </ButtonForm>
            )}
            {c.state === 'published' && (
              <ButtonForm ctx={ctx} action={`/${lang}/moderation/${c.id}/keep`} secondary>
                {i18n.t('moderation.dismiss')}
              </ButtonForm>
            )}
            <Form ctx={ctx} action={`/${lang}/moderation/${c.id}/hide`}>
              <HideReasonField ctx={ctx} id={`hide-${c.id}`} />
              <Submit secondary>{i18n.t('moderation.hide')}</Submit>
            </Form>
            {c.authorId && (
              <details>
                <summary>{i18n.t('moderation.block')}</summary>
                <Form ctx={ctx} action={`/${lang}/moderation/${c.id}/block`}>
                  <div class="field">
                    <label for={`field-days-${c.id}`}>{i18n.t('moderation.blockDays')}</label>
                    <input id={`field-days-${c.id}`} name="days" type="number" min={1} max={3650} value="7" required />
                  </div>
                  <HideReasonField ctx={ctx} id={`block-${c.id}`} />
                  <Button secondary>{i18n.t('moderation.block')}</Button>
                </Form>
              </details>
            )}
          </div>
        </section>
      ))}
    </TitledPage>
  );
}
