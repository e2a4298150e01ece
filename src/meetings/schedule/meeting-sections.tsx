import { fileUrl } from '../../core/files/downloads.ts';
import { MAX_UPLOAD_BYTES } from '../../core/files/files.ts';
import { formatSize } from '../../core/files/upload.ts';
import type { PageContext } from '../../core/html/context.ts';
import { EmptyState } from '../../core/html/empty-state.tsx';
import { Fact } from '../../core/html/facts.tsx';
import {
  Checkbox,
  DOCUMENT_ACCEPT,
  FileField,
  fieldsOf,
  Select,
  TextField,
  TranslatedInputs,
} from '../../core/html/fields.tsx';
import { Form, StaffForm, Submit, UploadForm } from '../../core/html/form.tsx';
import { ExternalLink, T } from '../../core/html/text.tsx';
import type { DocumentRow } from '../agenda/queries.ts';
import { summarise, summaryPhrase } from '../attendance/summary.ts';
import { MinutesItem } from '../minutes/item.tsx';
import { AgendaItemSelect } from '../views/manage-parts.tsx';
import { meetingScope, Paragraphs, When } from '../views/parts.tsx';
import { agendaOpen } from '../workflow.ts';
import type { MeetingPageData } from './meeting-page-data.ts';

function Documents({ ctx, documents }: { ctx: PageContext; documents: DocumentRow[] }) {
  const { i18n } = ctx;
  return (
    <ul class="documents">
      {documents.map((d) => (
        <li>
          <a href={fileUrl(d.fileId, d.filename)}>
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

/** The facts of a meeting: when, where, how, who chairs. */
export function MeetingFacts({ ctx, data }: { ctx: PageContext; data: MeetingPageData }) {
  const { i18n } = ctx;
  const m = data.meeting;
  return (
    <dl class="facts">
      <Fact term={i18n.t('meeting.when')}>
        <When ctx={ctx} startsAt={m.startsAt} endsAt={m.endsAt} timeZone={m.timeZone} />
      </Fact>
      {i18n.pick(m.venue) && (
        <Fact term={i18n.t('meeting.venue')}>
          <T value={m.venue} i18n={i18n} />
        </Fact>
      )}
      {m.onlineUrl && (
        <Fact term={i18n.t('meeting.onlineUrl')}>
          <ExternalLink href={m.onlineUrl} />
        </Fact>
      )}
      <Fact term={i18n.t('meeting.format')}>{i18n.t(`meeting.format.${m.format}`)}</Fact>
      {m.chairName && (
        <Fact term={i18n.t('meeting.chair')}>
          <T value={m.chairName} i18n={i18n} />
        </Fact>
      )}
      {m.secretaryName && (
        <Fact term={i18n.t('meeting.secretary')}>
          <T value={m.secretaryName} i18n={i18n} />
        </Fact>
      )}
    </dl>
  );
}

/** The secretariat's pages of a meeting: path under the meeting, and label. */
const STAFF_LINKS = [
  ['edit', 'meeting.edit'],
  ['agenda', 'meeting.agendaEditor'],
  ['invitations', 'meeting.invitations'],
  ['attendance', 'meeting.attendance'],
  ['minutes', 'meeting.minutes'],
  ['communique', 'meeting.communique'],
] as const;

/** The secretariat's links to manage the meeting, and the form to change its status. */
export function StaffPanel({ ctx, data }: { ctx: PageContext; data: MeetingPageData }) {
  const { i18n, base } = meetingScope(ctx, data.meeting);
  const statusField = fieldsOf(data.forms?.status?.values, data.forms?.status?.errors);
  return (
    <section class="staff-panel" aria-labelledby="manage">
      <h2 id="manage">{i18n.t('meeting.manage')}</h2>
      <ul class="admin-links">
        {STAFF_LINKS.map(([path, label]) => (
          <li>
            <a href={`${base}/${path}`}>{i18n.t(label)}</a>
          </li>
        ))}
      </ul>
      {data.transitions.length > 0 && (
        <StaffForm summary={i18n.t('meeting.statusChange')} open={Boolean(data.forms?.status)}>
          <Form ctx={ctx} errors={data.forms?.status?.errors} action={`${base}/status`}>
            <Select
              {...statusField('status')}
              label={i18n.t('meeting.newStatus')}
              options={data.transitions.map((s) => ({ value: s, label: i18n.t(`meeting.status.${s}`) }))}
            />
            <TranslatedInputs
              {...statusField.translated('reason')}
              legend={i18n.t('meeting.reason')}
              hint={i18n.t('meeting.reasonHint')}
              maxLength={1000}
            />
            <Submit>{i18n.t('meeting.statusChange')}</Submit>
          </Form>
        </StaffForm>
      )}
    </section>
  );
}

/** The invitation of the reader's organisation: its answer, and the form to confirm or decline with delegates. */
export function MyInvitation({ ctx, data }: { ctx: PageContext; data: MeetingPageData }) {
  if (!data.myInvitation) return null;
  const { i18n, m, base } = meetingScope(ctx, data.meeting);
  return (
    <section class="card" aria-labelledby="my-invitation">
      <h2 id="my-invitation">{i18n.t('invitations.yourInvitation')}</h2>
      <p>
        {i18n.t('invitations.response')}: {i18n.t(`invitations.response.${data.myInvitation.invitation.response}`)}
      </p>
      {(m.status === 'announced' || m.status === 'postponed') && (
        <Form ctx={ctx} errors={data.forms?.response?.errors} action={`${base}/response`}>
          <fieldset class="field">
            <legend>{i18n.t('invitations.chooseDelegates')}</legend>
            {data.myInvitation.people.map((p) => (
              <Checkbox
                id={`delegate-${p.personId}`}
                name="delegateIds"
                value={p.personId}
                label={<T value={p.name} i18n={i18n} />}
                checked={data.myInvitation?.delegates.includes(p.personId)}
              />
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
      )}
    </section>
  );
}

/** The meeting's documents (those of no agenda item), and the upload form while the agenda is open. */
export function DocumentsSection({ ctx, data }: { ctx: PageContext; data: MeetingPageData }) {
  const { i18n, lang, m, base, staff } = meetingScope(ctx, data.meeting);
  const meetingDocs = data.documents.filter((d) => !d.agendaItemId);
  const documentField = fieldsOf(data.forms?.document?.values, data.forms?.document?.errors);
  const mayUpload = staff && agendaOpen(m.status);
  return (
    <>
      {meetingDocs.length === 0 ? (
        <EmptyState
          text={i18n.t(agendaOpen(m.status) ? 'meeting.noDocumentsYet' : 'meeting.noDocuments')}
          hint={agendaOpen(m.status) && i18n.t('meeting.noDocumentsHint')}
          action={mayUpload && { href: '#add-document', label: i18n.t('meeting.uploadDocument') }}
        />
      ) : (
        <Documents ctx={ctx} documents={meetingDocs} />
      )}
      {mayUpload && (
        <div id="add-document">
          <StaffForm summary={i18n.t('documents.add')} open={Boolean(data.forms?.document) || meetingDocs.length === 0}>
            <UploadForm ctx={ctx} errors={data.forms?.document?.errors} action={`${base}/documents`}>
              <TranslatedInputs
                {...documentField.translated('title')}
                legend={i18n.t('documents.title')}
                maxLength={300}
              />
              <AgendaItemSelect
                ctx={ctx}
                field={documentField}
                agenda={data.agenda}
                label={i18n.t('documents.item')}
                empty={i18n.t('documents.wholeMeeting')}
              />
              <FileField
                label={i18n.t('documents.file', { size: formatSize(MAX_UPLOAD_BYTES, lang) })}
                error={data.forms?.document?.errors.file}
                accept={DOCUMENT_ACCEPT}
                required
              />
              <Submit>{i18n.t('documents.upload')}</Submit>
            </UploadForm>
          </StaffForm>
        </div>
      )}
    </>
  );
}

/** Who attended, counted by category, once the meeting is held. */
export function AttendedSection({ ctx, data }: { ctx: PageContext; data: MeetingPageData }) {
  const { i18n } = ctx;
  const summary = summarise(data.attendance, i18n);
  return (
    <>
      <p>
        {i18n.t('attendance.summaryLine', { count: summary.people })} {summaryPhrase(summary, i18n)}.
      </p>
      <ul class="category-counts">
        {summary.byCategory.map((g) => (
          <li>
            <strong>{i18n.t(`category.${g.category}`)}:</strong> {i18n.list(g.organisations.map((o) => o.shortName))}
          </li>
        ))}
      </ul>
    </>
  );
}

/** The approved minutes, item by item. */
export function ApprovedMinutes({ ctx, data }: { ctx: PageContext; data: MeetingPageData }) {
  const { i18n } = ctx;
  return (
    <>
      {data.agenda.map((item) => {
        const content = data.minutes?.content.items[item.id];
        if (!content) return null;
        return (
          <MinutesItem
            i18n={i18n}
            item={item}
            content={content}
            text={(value) => <Paragraphs ctx={ctx} value={value} />}
          />
        );
      })}
    </>
  );
}
