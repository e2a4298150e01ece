import type { MeetingStatus, MinutesContent } from '../../core/db/schema.ts';
import { MAX_UPLOAD_BYTES } from '../../core/files/files.ts';
import { formatSize } from '../../core/files/upload.ts';
import type { PageContext } from '../../core/html/context.ts';
import {
  ErrorSummary,
  Form,
  Select,
  Submit,
  TextField,
  TranslatedInputs,
  UploadForm,
  type Values,
} from '../../core/html/form.tsx';
import { Layout } from '../../core/html/layout.tsx';
import { plain, T } from '../../core/html/text.tsx';
import type { FieldErrors } from '../../core/http/forms.ts';
import type { Translated } from '../../core/i18n/translated.ts';
import { type ProposalLink, ProposalLinks } from '../../proposals/index.ts';
import type { DocumentRow } from '../agenda/queries.ts';
import type { AttendanceRow } from '../attendance/queries.ts';
import { summarise, summaryPhrase } from '../attendance/summary.ts';
import type { InvitationRow } from '../invitations/queries.ts';
import type { AgendaItemView, MeetingDetail, TaskRow } from '../queries.ts';
import { Agenda } from '../views/agenda.tsx';
import { Paragraphs, StatusBadge, TaskTable, When } from '../views/parts.tsx';
import { agendaOpen, isHeld } from '../workflow.ts';

export interface MeetingPageData {
  meeting: MeetingDetail;
  agenda: AgendaItemView[];
  documents: DocumentRow[];
  attendance: AttendanceRow[];
  invitations: InvitationRow[] | undefined;
  myInvitation:
    | { invitation: InvitationRow; people: { personId: string; name: Translated }[]; delegates: string[] }
    | undefined;
  decisions: { id: string; agendaItemId: string | null; text: Translated }[];
  tasks: TaskRow[];
  minutes: { version: number; content: MinutesContent } | undefined;
  communique: { title: Translated; body: Translated; publishedAt: Date | null } | undefined;
  transitions: MeetingStatus[];
  proposals: ProposalLink[];
  forms?: {
    status?: { values: Values; errors: FieldErrors };
    document?: { values: Values; errors: FieldErrors };
    response?: { values: Values; errors: FieldErrors };
  };
}

const SECTIONS = ['summary', 'proposals', 'discussion', 'decisions'] as const;

function Documents({ ctx, documents }: { ctx: PageContext; documents: DocumentRow[] }) {
  const { i18n } = ctx;
  return (
    <ul class="documents">
      {documents.map((d) => (
        <li>
          <a href={`/files/${d.fileId}/${encodeURIComponent(d.filename)}`}>
            <T value={d.title} i18n={i18n} />
          </a>{' '}
          <span class="muted">
            ({d.filename}, {formatSize(Number(d.sizeBytes), i18n.lang)})
          </span>
        </li>
      ))}
    </ul>
  );
}

export function MeetingPage({ ctx, data }: { ctx: PageContext; data: MeetingPageData }) {
  const { i18n } = ctx;
  const lang = i18n.lang;
  const m = data.meeting;
  const staff = ctx.can('run-meetings');
  const base = `/${lang}/meetings/${m.id}`;
  const summary = summarise(data.attendance, i18n);
  const meetingDocs = data.documents.filter((d) => !d.agendaItemId);
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
      <dl class="facts">
        <dt>{i18n.t('meeting.when')}</dt>
        <dd>
          <When ctx={ctx} startsAt={m.startsAt} endsAt={m.endsAt} timeZone={m.timeZone} />
        </dd>
        {i18n.pick(m.venue) && (
          <>
            <dt>{i18n.t('meeting.venue')}</dt>
            <dd>
              <T value={m.venue} i18n={i18n} />
            </dd>
          </>
        )}
        {m.onlineUrl && (
          <>
            <dt>{i18n.t('meeting.onlineUrl')}</dt>
            <dd>
              <a href={m.onlineUrl} rel="external noopener">
                {m.onlineUrl}
              </a>
            </dd>
          </>
        )}
        <dt>{i18n.t('meeting.format')}</dt>
        <dd>{i18n.t(`meeting.format.${m.format}`)}</dd>
        {m.chairName && (
          <>
            <dt>{i18n.t('meeting.chair')}</dt>
            <dd>
              <T value={m.chairName} i18n={i18n} />
            </dd>
          </>
        )}
        {m.secretaryName && (
          <>
            <dt>{i18n.t('meeting.secretary')}</dt>
            <dd>
              <T value={m.secretaryName} i18n={i18n} />
            </dd>
          </>
        )}
      </dl>
      <p>
        <a href={`${base}.ics`}>{i18n.t('meetings.addToCalendar')}</a>
      </p>
      <Paragraphs ctx={ctx} value={m.description} />

      {staff && (
        <section class="staff-panel" aria-labelledby="manage">
          <h2 id="manage">{i18n.t('meeting.manage')}</h2>
          <ul class="admin-links">
            <li>
              <a href={`${base}/edit`}>{i18n.t('meeting.edit')}</a>
            </li>
            <li>
              <a href={`${base}/agenda`}>{i18n.t('meeting.agendaEditor')}</a>
            </li>
            <li>
              <a href={`${base}/invitations`}>{i18n.t('meeting.invitations')}</a>
            </li>
            <li>
              <a href={`${base}/attendance`}>{i18n.t('meeting.attendance')}</a>
            </li>
            <li>
              <a href={`${base}/minutes`}>{i18n.t('meeting.minutes')}</a>
            </li>
            <li>
              <a href={`${base}/communique`}>{i18n.t('meeting.communique')}</a>
            </li>
          </ul>
          {data.transitions.length > 0 && (
            <details class="staff-form" open={data.forms?.status ? true : undefined}>
              <summary>{i18n.t('meeting.statusChange')}</summary>
              <ErrorSummary ctx={ctx} errors={data.forms?.status?.errors} />
              <Form ctx={ctx} action={`${base}/status`}>
                <Select
                  name="status"
                  label={i18n.t('meeting.newStatus')}
                  value={data.forms?.status?.values.status}
                  error={data.forms?.status?.errors.status}
                  options={data.transitions.map((s) => ({ value: s, label: i18n.t(`meeting.status.${s}`) }))}
                />
                <TranslatedInputs
                  prefix="reason"
                  legend={i18n.t('meeting.reason')}
                  values={data.forms?.status?.values ?? {}}
                  errors={data.forms?.status?.errors}
                  maxLength={1000}
                />
                <Submit>{i18n.t('meeting.statusChange')}</Submit>
              </Form>
            </details>
          )}
        </section>
      )}

      {data.myInvitation && (
        <section class="card" aria-labelledby="my-invitation">
          <h2 id="my-invitation">{i18n.t('invitations.yourInvitation')}</h2>
          <p>
            {i18n.t('invitations.response')}: {i18n.t(`invitations.response.${data.myInvitation.invitation.response}`)}
          </p>
          {(m.status === 'announced' || m.status === 'postponed') && (
            <>
              <ErrorSummary ctx={ctx} errors={data.forms?.response?.errors} />
              <Form ctx={ctx} action={`${base}/response`}>
                <fieldset class="field">
                  <legend>{i18n.t('invitations.chooseDelegates')}</legend>
                  {data.myInvitation.people.map((p) => (
                    <div class="field checkbox">
                      <label for={`delegate-${p.personId}`}>
                        <input
                          id={`delegate-${p.personId}`}
                          type="checkbox"
                          name="delegateIds"
                          value={p.personId}
                          checked={data.myInvitation?.delegates.includes(p.personId)}
                        />{' '}
                        <T value={p.name} i18n={i18n} />
                      </label>
                    </div>
                  ))}
                </fieldset>
                <TextField
                  name="newDelegate"
                  label={i18n.t('invitations.newDelegate')}
                  maxLength={200}
                  error={data.forms?.response?.errors.newDelegate}
                />
                <p class="button-row">
                  <button type="submit" name="response" value="confirmed" class="button">
                    {i18n.t('invitations.confirm')}
                  </button>{' '}
                  <button type="submit" name="response" value="declined" class="button secondary">
                    {i18n.t('invitations.decline')}
                  </button>
                </p>
              </Form>
            </>
          )}
        </section>
      )}

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

      <section aria-labelledby="documents">
        <h2 id="documents">{i18n.t('meeting.documents')}</h2>
        {meetingDocs.length === 0 ? (
          <p>{i18n.t('meeting.noDocuments')}</p>
        ) : (
          <Documents ctx={ctx} documents={meetingDocs} />
        )}
        {staff && agendaOpen(m.status) && (
          <details class="staff-form" open={data.forms?.document ? true : undefined}>
            <summary>{i18n.t('documents.add')}</summary>
            <ErrorSummary ctx={ctx} errors={data.forms?.document?.errors} />
            <UploadForm ctx={ctx} action={`${base}/documents`}>
              <TranslatedInputs
                prefix="title"
                legend={i18n.t('documents.title')}
                values={data.forms?.document?.values ?? {}}
                errors={data.forms?.document?.errors}
                maxLength={300}
              />
              <Select
                name="agendaItemId"
                label={i18n.t('documents.item')}
                value={data.forms?.document?.values.agendaItemId}
                options={[
                  { value: '', label: i18n.t('documents.wholeMeeting') },
                  ...data.agenda.map((a) => ({ value: a.id, label: `${a.position}. ${plain(a.title, i18n)}` })),
                ]}
              />
              <div class={data.forms?.document?.errors.file ? 'field has-error' : 'field'}>
                <label for="field-file">{i18n.t('documents.file', { size: formatSize(MAX_UPLOAD_BYTES, lang) })}</label>
                {data.forms?.document?.errors.file && (
                  <p class="field-error" id="error-file">
                    {data.forms.document.errors.file}
                  </p>
                )}
                <input
                  id="field-file"
                  type="file"
                  name="file"
                  accept=".pdf,.docx,.xlsx,.png,.jpg,.jpeg,.webp,.gif"
                  required
                />
              </div>
              <Submit>{i18n.t('documents.upload')}</Submit>
            </UploadForm>
          </details>
        )}
      </section>

      {isHeld(m.status) && summary.people > 0 && (
        <section aria-labelledby="attended">
          <h2 id="attended">{i18n.t('meeting.attendanceSummary')}</h2>
          <p>
            {i18n.t('attendance.summaryLine', { count: summary.people })} {summaryPhrase(summary, i18n)}.
          </p>
          <ul class="category-counts">
            {summary.byCategory.map((g) => (
              <li>
                <strong>{i18n.t(`category.${g.category}`)}:</strong>{' '}
                {i18n.list(g.organisations.map((o) => o.shortName))}
              </li>
            ))}
          </ul>
        </section>
      )}

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

      {data.minutes && (
        <section aria-labelledby="minutes">
          <h2 id="minutes">{i18n.t('meeting.approvedMinutes')}</h2>
          {data.agenda.map((item) => {
            const content = data.minutes?.content.items[item.id];
            if (!content) return null;
            return (
              <article class="minutes-item">
                <h3>
                  {item.position}. <T value={item.title} i18n={i18n} />
                </h3>
                {SECTIONS.map((s) =>
                  content[s] && i18n.pick(content[s]) ? (
                    <>
                      <h4>{i18n.t(`minutes.section.${s}`)}</h4>
                      <Paragraphs ctx={ctx} value={content[s]} />
                    </>
                  ) : null,
                )}
              </article>
            );
          })}
        </section>
      )}

      {data.communique?.publishedAt && (
        <section aria-labelledby="communique">
          <h2 id="communique">{i18n.t('meeting.communique')}</h2>
          <h3>
            <T value={data.communique.title} i18n={i18n} />
          </h3>
          <Paragraphs ctx={ctx} value={data.communique.body} />
        </section>
      )}
    </Layout>
  );
}
