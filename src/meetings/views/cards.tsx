import { CommentCount } from '../../core/comments/views.tsx';
import type { MeetingStatus } from '../../core/db/schema.ts';
import { DateBlock, Tag, type TagKind } from '../../core/html/components.tsx';
import type { PageContext } from '../../core/html/context.ts';
import { T } from '../../core/html/text.tsx';
import type { Translated } from '../../core/i18n/translated.ts';
import type { MeetingSummary } from '../queries.ts';
import { When } from './parts.tsx';

/** The design system's tag for each state of a meeting: planned, held, cancelled, draft. */
const TAG: Record<MeetingStatus, TagKind> = {
  draft: 'draft',
  announced: 'planned',
  postponed: 'planned',
  held: 'held',
  minutes_review: 'held',
  minutes_approved: 'held',
  published: 'done',
  cancelled: 'cancelled',
};

/** A meeting's status as a tag: a word, with a colour only as a second cue. */
export function StatusTag({ ctx, status }: { ctx: PageContext; status: MeetingStatus }) {
  return <Tag kind={TAG[status]}>{ctx.i18n.t(`meeting.status.${status}`)}</Tag>;
}

/** The first paragraph of a text, cut at a word near `max` characters. */
export function excerpt(text: string, max: number): string {
  const first =
    text
      .trim()
      .split(/\n{2,}/)[0]
      ?.replace(/\s+/g, ' ') ?? '';
  if (first.length <= max) return first;
  const cut = first.lastIndexOf(' ', max);
  return `${first.slice(0, cut > max / 2 ? cut : max)}…`;
}

/** A card's summary: the start of a translated text, marked when it is in another language than the page's. */
export function CardSummary({
  ctx,
  value,
  max = 240,
  clean = (text) => text,
}: {
  ctx: PageContext;
  value: Translated | null | undefined;
  max?: number;
  /** Turns the stored text into plain text first (the communiqué's language marks). */
  clean?: (text: string) => string;
}) {
  const picked = ctx.i18n.pick(value);
  const text = picked ? excerpt(clean(picked.text), max) : '';
  if (!picked || !text) return null;
  return (
    <p class="card__summary">
      <T value={{ [picked.lang]: text }} i18n={ctx.i18n} />
    </p>
  );
}

/** A meeting as the list shows it; `invited`/`attended` are null where the reader may not see them. */
export interface MeetingCardData extends Omit<MeetingSummary, 'format'> {
  visibility: 'public' | 'members';
  description: Translated;
  invited?: number | null;
  attended?: number | null;
}

/** One meeting as a card: its date, number and title, when and where, status, summary and who took part. */
export function MeetingCard({
  ctx,
  meeting: m,
  comments,
  level = 3,
}: {
  ctx: PageContext;
  meeting: MeetingCardData;
  comments?: number | undefined;
  level?: 2 | 3;
}) {
  const { i18n } = ctx;
  const href = `/${i18n.lang}/meetings/${m.id}`;
  const Heading = `h${level}` as 'h2' | 'h3';
  const taking = [
    m.invited ? i18n.t('meetings.invitedCount', { count: m.invited }) : '',
    m.attended ? i18n.t('meetings.attendedCount', { count: m.attended }) : '',
  ].filter(Boolean);
  return (
    <li class="card card--meeting">
      <DateBlock value={m.startsAt} i18n={ctx.i18n} timeZone={m.timeZone} />
      <div class="card__body">
        <Heading class="card__title">
          <a href={href}>
            {i18n.t('meeting.number', { number: m.number })}: <T value={m.title} i18n={i18n} />
          </a>
        </Heading>
        <p class="card__meta">
          <StatusTag ctx={ctx} status={m.status} />{' '}
          {m.visibility === 'members' && <span class="tag tag--info">{i18n.t('meetings.membersOnly')}</span>}{' '}
          <When ctx={ctx} startsAt={m.startsAt} endsAt={m.endsAt} timeZone={m.timeZone} />
          {i18n.pick(m.venue) && (
            <>
              {' · '}
              <T value={m.venue} i18n={i18n} />
            </>
          )}
        </p>
        <CardSummary ctx={ctx} value={m.description} />
        {(taking.length > 0 || comments) && (
          <p class="card__meta card__figures">
            {taking.join(' · ')}
            {taking.length > 0 && comments ? ' · ' : ''}
            <CommentCount ctx={ctx} count={comments} href={href} />
          </p>
        )}
      </div>
    </li>
  );
}
