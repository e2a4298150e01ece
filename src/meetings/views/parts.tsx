import type { ComponentChildren } from 'preact';
import type { MeetingStatus } from '../../core/db/schema.ts';
import type { PageContext } from '../../core/html/context.ts';
import { EmptyState } from '../../core/html/empty-state.tsx';
import { ButtonForm } from '../../core/html/form.tsx';
import { Table } from '../../core/html/table.tsx';
import { T } from '../../core/html/text.tsx';
import { dateTimeFormat } from '../../core/i18n/formats.ts';
import type { Translated } from '../../core/i18n/translated.ts';
import type { TaskRow } from '../queries.ts';

/**
 * What a view of one meeting starts from: the texts, the language, the meeting, the address of its
 * page (with `under`: of a page below it) and whether the reader runs meetings.
 */
export function meetingScope<M extends { id: string }>(ctx: PageContext, meeting: M, under = '') {
  const { i18n } = ctx;
  const lang = i18n.lang;
  return { i18n, lang, m: meeting, base: `/${lang}/meetings/${meeting.id}${under}`, staff: ctx.can('run-meetings') };
}

/** "10 December 2026, 10:00 GMT+5 – 13:00": start and end in the meeting's own zone. */
export function When({
  ctx,
  startsAt,
  endsAt,
  timeZone,
}: {
  ctx: PageContext;
  startsAt: Date;
  endsAt: Date | null;
  timeZone: string;
}) {
  const { i18n } = ctx;
  return (
    <time datetime={startsAt.toISOString()}>
      {i18n.dateTime(startsAt, timeZone)}
      {endsAt &&
        ` – ${dateTimeFormat(i18n.lang, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone }).format(endsAt)}`}
    </time>
  );
}

export function StatusBadge({ ctx, status }: { ctx: PageContext; status: MeetingStatus }) {
  return <span class={`badge status-${status}`}>{ctx.i18n.t(`meeting.status.${status}`)}</span>;
}

export function TaskTable({ ctx, tasks, showMeeting }: { ctx: PageContext; tasks: TaskRow[]; showMeeting?: boolean }) {
  const { i18n } = ctx;
  const lang = i18n.lang;
  if (tasks.length === 0) return <EmptyState text={i18n.t('tasks.none')} hint={i18n.t('tasks.noneHint')} />;
  return (
    <Table
      className="data"
      columns={[
        ...(['task', 'responsible', 'deadline', 'status'] as const).map((k) => i18n.t(`tasks.${k}`)),
        showMeeting && i18n.t('tasks.meeting'),
      ]}
    >
      {tasks.map((t) => {
        const status = t.doneAt ? 'done' : t.overdue ? 'overdue' : 'open';
        const mayClose =
          !t.doneAt &&
          (ctx.can('run-meetings') || ctx.can('act-for-organisation', { organisationId: t.organisationId }));
        return (
          <tr>
            <td>
              <T value={t.description} i18n={i18n} />
            </td>
            <td>
              <a href={`/${lang}/organisations/${t.organisationSlug}`}>
                <T value={t.organisationName} i18n={i18n} />
              </a>
            </td>
            <td>{i18n.date(t.deadline)}</td>
            <td>
              <span class={`badge task-${status}`}>{i18n.t(`tasks.status.${status}`)}</span>
              {mayClose && (
                <ButtonForm ctx={ctx} action={`/${lang}/tasks/${t.id}/done`} link>
                  {i18n.t('tasks.markDone')}
                </ButtonForm>
              )}
            </td>
            {showMeeting && (
              <td>
                <a href={`/${lang}/meetings/${t.meetingId}`}>{i18n.t('meeting.number', { number: t.meetingNumber })}</a>
              </td>
            )}
          </tr>
        );
      })}
    </Table>
  );
}

/**
 * Paragraphs of a plain-text translated value (communiqué, minutes), escaped by the renderer; `line`
 * renders a paragraph's text otherwise (the communiqué marks passages in another language).
 */
export function Paragraphs({
  ctx,
  value,
  line = (text) => text,
}: {
  ctx: PageContext;
  value: Translated | undefined;
  line?: (text: string) => ComponentChildren;
}) {
  const picked = ctx.i18n.pick(value);
  if (!picked) return null;
  return (
    <div lang={picked.lang}>
      {picked.fallback && <p class="untranslated">({ctx.i18n.t('lang.notTranslated')})</p>}
      {picked.text
        .split(/\n{2,}/)
        .filter((p) => p.trim())
        .map((p) => (
          <p>{line(p)}</p>
        ))}
    </div>
  );
}

/** The link to the next page of older items (meetings, news), where there is one. */
export function OlderLink({ ctx, href }: { ctx: PageContext; href: string | undefined }) {
  if (!href) return null;
  return (
    <p>
      <a href={href}>{ctx.i18n.t('meetings.older')}</a>
    </p>
  );
}
