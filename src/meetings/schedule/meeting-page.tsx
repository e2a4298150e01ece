import type { CommentSection } from '../../core/comments/section.ts';
import { CommentsSection } from '../../core/comments/views.tsx';
import type { PageContext } from '../../core/html/context.ts';
import { ErrorSummary } from '../../core/html/form.tsx';
import { Layout } from '../../core/html/layout.tsx';
import { plain, T } from '../../core/html/text.tsx';
import { ProposalLinks } from '../../proposals/index.ts';
import { summarise } from '../attendance/summary.ts';
import { CommuniqueText, CommuniqueTitle } from '../communique/marked.tsx';
import { Agenda } from '../views/agenda.tsx';
import { meetingScope, Paragraphs, StatusBadge, TaskTable } from '../views/parts.tsx';
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

export type { MeetingPageData } from './meeting-page-data.ts';

export function MeetingPage({
  ctx,
  data,
  comments,
}: {
  ctx: PageContext;
  data: MeetingPageData;
  comments?: CommentSection | null;
}) {
  const { i18n, lang, m, base, staff } = meetingScope(ctx, data.meeting);
  const summary = summarise(data.attendance, i18n);
  const title = `${i18n.t('meeting.number', { number: m.number })}: ${plain(m.title, i18n)}`;
  return (
    <Layout ctx={ctx} title={title} section="meetings">
      <nav class="breadcrumbs" aria-label={i18n.t('meetings.title')}>
        <a href={`/${lang}/meetings`}>{i18n.t('meetings.title')}</a>
      </nav>
      <p class="eyebrow">
        {i18n.t('meeting.number', { number: m.number })} · <T value={m.bodyName} i18n={i18n} />{' '}
        <StatusBadge ctx={ctx} status={m.status} />
        {m.visibility === 'members' && <span class="badge">{i18n.t('meetings.membersOnly')}</span>}
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

      {staff && <StaffPanel ctx={ctx} data={data} />}

      {data.myInvitation && <MyInvitation ctx={ctx} data={data} />}

      <section aria-labelledby="agenda">
        <h2 id="agenda">{i18n.t('home.agenda')}</h2>
        {data.agenda.length === 0 ? (
          <p>{i18n.t('agenda.empty')}</p>
        ) : (
          <Agenda ctx={ctx} items={data.agenda} level={3} documents={data.documents} />
        )}
      </section>

      {data.proposals.length > 0 && (
        <section aria-labelledby="proposals">
          <h2 id="proposals">{i18n.t('proposals.title')}</h2>
          <ProposalLinks ctx={ctx} items={data.proposals} />
        </section>
      )}

      <DocumentsSection ctx={ctx} data={data} />

      {isHeld(m.status) && summary.people > 0 && <AttendedSection ctx={ctx} data={data} />}

      {(data.decisions.length > 0 || data.tasks.length > 0) && (
        <section aria-labelledby="decisions">
          <h2 id="decisions">{i18n.t('meeting.decisions')}</h2>
          <ul>
            {data.decisions.map((d) => (
              <li>
                <T value={d.text} i18n={i18n} />
              </li>
            ))}
          </ul>
          {data.tasks.length > 0 && <TaskTable ctx={ctx} tasks={data.tasks} />}
        </section>
      )}

      {data.minutes && <ApprovedMinutes ctx={ctx} data={data} />}

      {data.communique?.publishedAt && (
        <section aria-labelledby="communique">
          <h2 id="communique">{i18n.t('meeting.communique')}</h2>
          <h3>
            <CommuniqueTitle ctx={ctx} value={data.communique.title} />
          </h3>
          <CommuniqueText ctx={ctx} value={data.communique.body} />
        </section>
      )}
      {comments && <CommentsSection ctx={ctx} section={comments} />}
    </Layout>
  );
}
