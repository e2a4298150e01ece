import type { ComponentChildren } from 'preact';
import type { CommentSection } from '../../core/comments/section.ts';
import { CommentsSection } from '../../core/comments/views.tsx';
import { Contents } from '../../core/html/components.tsx';
import type { PageContext } from '../../core/html/context.ts';
import { EmptyState } from '../../core/html/empty-state.tsx';
import { ErrorSummary } from '../../core/html/form.tsx';
import { Kept } from '../../core/html/kept.tsx';
import { Layout } from '../../core/html/layout.tsx';
import { plain, T } from '../../core/html/text.tsx';
import type { MessageKey } from '../../core/i18n/i18n.ts';
import { ProposalLinks } from '../../proposals/index.ts';
import { summarise } from '../attendance/summary.ts';
import { CommuniqueText, CommuniqueTitle } from '../communique/marked.tsx';
import { Agenda } from '../views/agenda.tsx';
import { StatusTag } from '../views/cards.tsx';
import { meetingScope, Paragraphs, TaskTable } from '../views/parts.tsx';
import { isHeld } from '../workflow.ts';
import type { MeetingPageData } from './meeting-page-data.ts';
import {
  ApprovedMinutes,
  AttendedSection,
  DocumentsSection,
  MeetingFacts,
  MyInvitation,
  StaffPanel,
} from './meeting-sections.tsx';
import type { MeetingShared } from './queries.ts';

export type { MeetingPageData } from './meeting-page-data.ts';

/** A section of the meeting page: the id its heading carries (the contents link to it), its heading, its body. */
interface Section {
  id: string;
  label: MessageKey;
  body: ComponentChildren;
}

/** The sections this reader sees of this meeting, in the page's order; a section with nothing to show is left out. */
function sectionsOf(ctx: PageContext, data: MeetingPageData): Section[] {
  const { i18n, m, base, staff } = meetingScope(ctx, data.meeting);
  const held = isHeld(m.status);
  const sections: (Section | false)[] = [
    {
      id: 'agenda',
      label: 'home.agenda',
      body:
        data.agenda.length === 0 ? (
          <EmptyState
            text={i18n.t('agenda.empty')}
            hint={i18n.t('agenda.emptyHint')}
            action={staff && { href: `${base}/agenda`, label: i18n.t('agenda.addItems') }}
          />
        ) : (
          <Agenda ctx={ctx} items={data.agenda} level={3} documents={data.documents} />
        ),
    },
    data.proposals.length > 0 && {
      id: 'proposals',
      label: 'proposals.title',
      body: <ProposalLinks ctx={ctx} items={data.proposals} />,
    },
    { id: 'documents', label: 'meeting.documents', body: <DocumentsSection ctx={ctx} data={data} /> },
    held &&
      summarise(data.attendance, i18n).people > 0 && {
        id: 'attended',
        label: 'meeting.attendanceSummary',
        body: <AttendedSection ctx={ctx} data={data} />,
      },
    Boolean(data.minutes) && {
      id: 'minutes',
      label: 'meeting.approvedMinutes',
      body: <ApprovedMinutes ctx={ctx} data={data} />,
    },
    (held || data.decisions.length > 0 || data.tasks.length > 0) && {
      id: 'decisions',
      label: 'meeting.decisions',
      body:
        data.decisions.length === 0 && data.tasks.length === 0 ? (
          <EmptyState
            text={i18n.t('meeting.noDecisionsYet')}
            action={staff && { href: `${base}/minutes`, label: i18n.t('meeting.recordDecisions') }}
          />
        ) : (
          <>
            <ul>
              {data.decisions.map((d) => (
                <li>
                  <T value={d.text} i18n={i18n} />
                </li>
              ))}
            </ul>
            {data.tasks.length > 0 && <TaskTable ctx={ctx} tasks={data.tasks} />}
          </>
        ),
    },
    Boolean(data.communique?.publishedAt) && {
      id: 'communique',
      label: 'meeting.communique',
      body: data.communique && (
        <>
          <h3>
            <CommuniqueTitle ctx={ctx} value={data.communique.title} />
          </h3>
          <CommuniqueText ctx={ctx} value={data.communique.body} />
        </>
      ),
    },
  ];
  return sections.filter((s): s is Section => Boolean(s));
}

/** The sections, each under its heading. */
function Sections({ sections, ctx }: { sections: Section[]; ctx: PageContext }) {
  return (
    <>
      {sections.map((s) => (
        <section class="page-section" aria-labelledby={s.id}>
          <h2 id={s.id}>{ctx.i18n.t(s.label)}</h2>
          {s.body}
        </section>
      ))}
    </>
  );
}

/**
 * The page's data as every reader of the audience has it, with the forms sent back (a fresh render's
 * alone); the reader's invitation throws when read.
 */
function sharedPart(kept: MeetingShared, forms: MeetingPageData['forms']): MeetingPageData {
  const data = { ...kept, forms } as MeetingPageData;
  Object.defineProperty(data, 'myInvitation', {
    get() {
      throw new Error("a kept part of the meeting page may not show the reader's invitation");
    },
  });
  return data;
}

/**
 * The meeting's page. Its sections are the same for every reader of the kept meeting (`kept`: what
 * app.shared keeps for the reader's audience) with the same role and language: rendered once while it
 * is kept (Kept), unless a form is sent back to be corrected.
 */
export function MeetingPage({
  ctx,
  data,
  comments,
  kept,
}: {
  ctx: PageContext;
  data: MeetingPageData;
  comments?: CommentSection | null;
  kept?: MeetingShared;
}) {
  const { i18n, lang, m, base, staff } = meetingScope(ctx, data.meeting);
  const title = `${i18n.t('meeting.number', { number: m.number })}: ${plain(m.title, i18n)}`;
  const sections = sectionsOf(ctx, data);
  const contents = [
    ...sections.map((s) => ({ id: s.id, label: i18n.t(s.label) })),
    ...(comments ? [{ id: 'comments', label: i18n.t('comments.title') }] : []),
  ];
  return (
    <Layout ctx={ctx} title={title} section="meetings">
      <nav class="breadcrumbs" aria-label={i18n.t('meetings.title')}>
        <a href={`/${lang}/meetings`}>{i18n.t('meetings.title')}</a>
      </nav>
      <p class="eyebrow">
        {i18n.t('meeting.number', { number: m.number })} · <T value={m.bodyName} i18n={i18n} />{' '}
        <StatusTag ctx={ctx} status={m.status} />
        {m.visibility === 'members' && <span class="tag tag--info">{i18n.t('meetings.membersOnly')}</span>}
      </p>
      <h1>
        <T value={m.title} i18n={i18n} />
      </h1>
      {i18n.pick(m.statusReason) && (
        <p class="flash">{i18n.t('meeting.statusReason', { reason: i18n.pick(m.statusReason)?.text ?? '' })}</p>
      )}
      {!data.myInvitation && <ErrorSummary ctx={ctx} errors={data.forms?.response?.errors} />}
      <MeetingFacts ctx={ctx} data={data} />
      <p>
        <a href={`${base}.ics`}>{i18n.t('meetings.addToCalendar')}</a>
      </p>
      <Paragraphs ctx={ctx} value={m.description} />
      <Contents title={ctx.i18n.t('meeting.contents')} items={contents} />

      {staff && <StaffPanel ctx={ctx} data={data} />}

      {data.myInvitation && <MyInvitation ctx={ctx} data={data} />}

      {kept ? (
        <Kept
          owner={kept}
          name="meeting-sections"
          ctx={ctx}
          fresh={data.forms !== undefined}
          view={(partCtx) => <Sections sections={sectionsOf(partCtx, sharedPart(kept, data.forms))} ctx={partCtx} />}
        />
      ) : (
        <Sections sections={sections} ctx={ctx} />
      )}
      {comments && <CommentsSection ctx={ctx} section={comments} />}
    </Layout>
  );
}
