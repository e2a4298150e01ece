import { type MinutesContent, ORGANISATION_CATEGORIES } from '../../core/db/schema.ts';
import type { PageContext } from '../../core/html/context.ts';
import { ErrorSummary, Form, Select, Submit, TextField, TranslatedInputs, type Values } from '../../core/html/form.tsx';
import { Layout } from '../../core/html/layout.tsx';
import { plain, T } from '../../core/html/text.tsx';
import type { FieldErrors } from '../../core/http/forms.ts';
import { LANG_NATIVE_NAMES, LANGS } from '../../core/i18n/locales.ts';
import type { Translated } from '../../core/i18n/translated.ts';
import { sortByName } from '../../organisations/index.ts';
import { SideBySide } from '../minutes-diff.tsx';
import type { AgendaItemView, AttendanceRow, InvitationRow, MeetingDetail } from '../queries.ts';
import { summarise, summaryPhrase } from '../summary.ts';
import { COMMON_TIME_ZONES } from '../time.ts';
import { agendaOpen } from '../workflow.ts';

type Option = { value: string; label: string };
type Person = {
  personId: string;
  name: Translated;
  organisationId: string;
  organisationName: Translated;
  organisationShortName: Translated;
};
type Org = { id: string; name: Translated; category: (typeof ORGANISATION_CATEGORIES)[number] };

function MeetingHeader({ ctx, meeting, title }: { ctx: PageContext; meeting: MeetingDetail; title: string }) {
  const { i18n } = ctx;
  return (
    <>
      <nav class="breadcrumbs" aria-label={i18n.t('meetings.title')}>
        <a href={`/${i18n.lang}/meetings/${meeting.id}`}>
          {i18n.t('meeting.number', { number: meeting.number })}: {plain(meeting.title, i18n)}
        </a>
      </nav>
      <h1>{title}</h1>
    </>
  );
}

function personOptions(people: Person[], ctx: PageContext, empty: string): Option[] {
  return [
    { value: '', label: empty },
    ...sortByName(people, ctx.i18n).map((p) => ({
      value: p.personId,
      label: `${plain(p.name, ctx.i18n)} — ${plain(Object.keys(p.organisationShortName).length ? p.organisationShortName : p.organisationName, ctx.i18n)}`,
    })),
  ];
}

export function MeetingFormPage({
  ctx,
  title,
  action,
  values,
  errors,
  people,
}: {
  ctx: PageContext;
  title: string;
  action: string;
  values: Values;
  errors?: FieldErrors | undefined;
  people: Person[];
}) {
  const { i18n } = ctx;
  const zones =
    COMMON_TIME_ZONES.includes(values.timeZone ?? '') || !values.timeZone
      ? COMMON_TIME_ZONES
      : [values.timeZone, ...COMMON_TIME_ZONES];
  return (
    <Layout ctx={ctx} title={title} section="meetings">
      <h1>{title}</h1>
      <ErrorSummary ctx={ctx} errors={errors} />
      <Form ctx={ctx} action={action}>
        <TranslatedInputs
          prefix="title"
          legend={i18n.t('meeting.titleField')}
          hint={i18n.t('organisations.translatedHint')}
          values={values}
          errors={errors}
          maxLength={300}
        />
        <TextField
          name="startsAt"
          type={'datetime-local' as 'date'}
          label={i18n.t('meeting.starts')}
          value={values.startsAt}
          error={errors?.startsAt}
          required
        />
        <TextField
          name="endsAt"
          type={'datetime-local' as 'date'}
          label={i18n.t('meeting.ends')}
          value={values.endsAt}
          error={errors?.endsAt}
        />
        <Select
          name="timeZone"
          label={i18n.t('meeting.timeZone')}
          value={values.timeZone ?? 'Asia/Almaty'}
          error={errors?.timeZone}
          options={zones.map((z) => ({ value: z, label: z }))}
        />
        <Select
          name="format"
          label={i18n.t('meeting.format')}
          value={values.format ?? 'in_person'}
          error={errors?.format}
          options={(['in_person', 'online', 'hybrid'] as const).map((f) => ({
            value: f,
            label: i18n.t(`meeting.format.${f}`),
          }))}
        />
        <TranslatedInputs
          prefix="venue"
          legend={i18n.t('meeting.venue')}
          values={values}
          errors={errors}
          maxLength={300}
        />
        <TextField
          name="onlineUrl"
          type="url"
          label={i18n.t('meeting.onlineUrl')}
          value={values.onlineUrl}
          error={errors?.onlineUrl}
          maxLength={500}
        />
        <Select
          name="visibility"
          label={i18n.t('meeting.visibility')}
          value={values.visibility ?? 'public'}
          error={errors?.visibility}
          options={(['public', 'members'] as const).map((v) => ({
            value: v,
            label: i18n.t(`meeting.visibility.${v}`),
          }))}
        />
        <Select
          name="chairPersonId"
          label={i18n.t('meeting.chair')}
          value={values.chairPersonId}
          error={errors?.chairPersonId}
          options={personOptions(people, ctx, i18n.t('meeting.nobody'))}
        />
        <Select
          name="secretaryPersonId"
          label={i18n.t('meeting.secretary')}
          value={values.secretaryPersonId}
          error={errors?.secretaryPersonId}
          options={personOptions(people, ctx, i18n.t('meeting.nobody'))}
        />
        <TranslatedInputs
          prefix="description"
          legend={i18n.t('meeting.descriptionField')}
          values={values}
          errors={errors}
          maxLength={5000}
        />
        <Submit>{title}</Submit>
      </Form>
    </Layout>
  );
}

export function AgendaEditorPage({
  ctx,
  meeting,
  agenda,
  organisations,
  people,
  forms,
}: {
  ctx: PageContext;
  meeting: MeetingDetail;
  agenda: AgendaItemView[];
  organisations: Org[];
  people: Person[];
  forms?: {
    item?: { values: Values; errors: FieldErrors };
    presenter?: { itemId: string; values: Values; errors: FieldErrors };
  };
}) {
  const { i18n } = ctx;
  const base = `/${i18n.lang}/meetings/${meeting.id}/agenda`;
  const open = agendaOpen(meeting.status);
  const orgOptions = sortByName(organisations, i18n).map((o) => ({ value: o.id, label: plain(o.name, i18n) }));
  return (
    <Layout ctx={ctx} title={i18n.t('meeting.agendaEditor')} section="meetings">
      <MeetingHeader ctx={ctx} meeting={meeting} title={i18n.t('meeting.agendaEditor')} />
      {!open && <p class="flash">{i18n.t('agenda.locked')}</p>}
      {agenda.length === 0 && <p>{i18n.t('agenda.empty')}</p>}
      <ol class="agenda editor">
        {agenda.map((item, index) => (
          <li id={`item-${item.id}`}>
            <h2>
              <T value={item.title} i18n={i18n} />
              {item.plannedMinutes && (
                <span class="muted"> ({i18n.t('agenda.minutes', { count: item.plannedMinutes })})</span>
              )}
            </h2>
            {open && (
              <div class="button-row">
                {index > 0 && (
                  <Form ctx={ctx} action={`${base}/${item.id}/move`} className="inline-form">
                    <input type="hidden" name="direction" value="up" />
                    <button
                      type="submit"
                      class="link-button"
                      aria-label={`${i18n.t('agenda.moveUp')}: ${plain(item.title, i18n)}`}
                    >
                      ↑ {i18n.t('agenda.moveUp')}
                    </button>
                  </Form>
                )}
                {index < agenda.length - 1 && (
                  <Form ctx={ctx} action={`${base}/${item.id}/move`} className="inline-form">
                    <input type="hidden" name="direction" value="down" />
                    <button
                      type="submit"
                      class="link-button"
                      aria-label={`${i18n.t('agenda.moveDown')}: ${plain(item.title, i18n)}`}
                    >
                      ↓ {i18n.t('agenda.moveDown')}
                    </button>
                  </Form>
                )}
                <a href={`${base}/${item.id}/edit`}>{i18n.t('agenda.editItem')}</a>
                <Form ctx={ctx} action={`${base}/${item.id}/delete`} className="inline-form">
                  <button
                    type="submit"
                    class="link-button"
                    aria-label={`${i18n.t('agenda.remove')}: ${plain(item.title, i18n)}`}
                  >
                    {i18n.t('agenda.remove')}
                  </button>
                </Form>
              </div>
            )}
            <ul class="presenters">
              {item.presenters.map((p) => (
                <li>
                  <span class="badge">{i18n.t(`presenter.role.${p.role}`)}</span>{' '}
                  <T value={p.organisation.name} i18n={i18n} />
                  {p.person && (
                    <>
                      {' '}
                      (<T value={p.person.name} i18n={i18n} />)
                    </>
                  )}
                  {open && (
                    <Form ctx={ctx} action={`${base}/presenters/${p.id}/delete`} className="inline-form">
                      <button
                        type="submit"
                        class="link-button"
                        aria-label={`${i18n.t('agenda.removePresenter')}: ${plain(p.organisation.name, i18n)}`}
                      >
                        {i18n.t('agenda.removePresenter')}
                      </button>
                    </Form>
                  )}
                </li>
              ))}
            </ul>
            {open && (
              <details class="staff-form" open={forms?.presenter?.itemId === item.id ? true : undefined}>
                <summary>{i18n.t('agenda.addPresenter')}</summary>
                {forms?.presenter?.itemId === item.id && <ErrorSummary ctx={ctx} errors={forms.presenter.errors} />}
                <Form ctx={ctx} action={`${base}/${item.id}/presenters`}>
                  <div class="field">
                    <label for={`org-${item.id}`}>{i18n.t('agenda.presenterOrganisation')}</label>
                    <select id={`org-${item.id}`} name="organisationId">
                      {orgOptions.map((o) => (
                        <option value={o.value}>{o.label}</option>
                      ))}
                    </select>
                  </div>
                  <div class="field">
                    <label for={`person-${item.id}`}>{i18n.t('agenda.presenterPerson')}</label>
                    <select id={`person-${item.id}`} name="personId">
                      {personOptions(people, ctx, '—').map((o) => (
                        <option value={o.value}>{o.label}</option>
                      ))}
                    </select>
                  </div>
                  <div class="field">
                    <label for={`role-${item.id}`}>{i18n.t('agenda.presenterRole')}</label>
                    <select id={`role-${item.id}`} name="role">
                      {(['report', 'co_report', 'proposals', 'comment'] as const).map((r) => (
                        <option value={r}>{i18n.t(`presenter.role.${r}`)}</option>
                      ))}
                    </select>
                  </div>
                  <Submit>{i18n.t('agenda.addPresenter')}</Submit>
                </Form>
              </details>
            )}
          </li>
        ))}
      </ol>
      {open && (
        <section aria-labelledby="add-item" class="card">
          <h2 id="add-item">{i18n.t('agenda.addItem')}</h2>
          <ErrorSummary ctx={ctx} errors={forms?.item?.errors} />
          <Form ctx={ctx} action={base}>
            <TranslatedInputs
              prefix="title"
              legend={i18n.t('agenda.itemTitle')}
              values={forms?.item?.values ?? {}}
              errors={forms?.item?.errors}
              maxLength={500}
            />
            <TranslatedInputs
              prefix="description"
              legend={i18n.t('agenda.itemDescription')}
              values={forms?.item?.values ?? {}}
              errors={forms?.item?.errors}
              maxLength={5000}
            />
            <TextField
              name="plannedMinutes"
              label={i18n.t('agenda.plannedMinutes')}
              value={forms?.item?.values.plannedMinutes}
              error={forms?.item?.errors.plannedMinutes}
            />
            <Submit>{i18n.t('agenda.add')}</Submit>
          </Form>
        </section>
      )}
    </Layout>
  );
}

export function AgendaItemFormPage({
  ctx,
  meeting,
  action,
  values,
  errors,
}: {
  ctx: PageContext;
  meeting: MeetingDetail;
  action: string;
  values: Values;
  errors?: FieldErrors | undefined;
}) {
  const { i18n } = ctx;
  return (
    <Layout ctx={ctx} title={i18n.t('agenda.editItem')} section="meetings">
      <MeetingHeader ctx={ctx} meeting={meeting} title={i18n.t('agenda.editItem')} />
      <ErrorSummary ctx={ctx} errors={errors} />
      <Form ctx={ctx} action={action}>
        <TranslatedInputs
          prefix="title"
          legend={i18n.t('agenda.itemTitle')}
          values={values}
          errors={errors}
          maxLength={500}
        />
        <TranslatedInputs
          prefix="description"
          legend={i18n.t('agenda.itemDescription')}
          values={values}
          errors={errors}
          maxLength={5000}
        />
        <TextField
          name="plannedMinutes"
          label={i18n.t('agenda.plannedMinutes')}
          value={values.plannedMinutes}
          error={errors?.plannedMinutes}
        />
        <Submit>{i18n.t('form.save')}</Submit>
      </Form>
    </Layout>
  );
}

export function InvitationsPage({
  ctx,
  meeting,
  invitations,
  organisations,
  memberIds,
  errors,
}: {
  ctx: PageContext;
  meeting: MeetingDetail;
  invitations: InvitationRow[];
  organisations: Org[];
  memberIds: Set<string>;
  errors?: FieldErrors | undefined;
}) {
  const { i18n } = ctx;
  const invited = new Set(invitations.map((i) => i.organisationId));
  const candidates = sortByName(
    organisations.filter((o) => !invited.has(o.id)),
    i18n,
  );
  return (
    <Layout ctx={ctx} title={i18n.t('invitations.title')} section="meetings">
      <MeetingHeader ctx={ctx} meeting={meeting} title={i18n.t('invitations.title')} />
      {invitations.length === 0 ? (
        <p>{i18n.t('invitations.none')}</p>
      ) : (
        <div class="table-scroll">
          <table class="data">
            <thead>
              <tr>
                <th scope="col">{i18n.t('attendance.organisation')}</th>
                <th scope="col">{i18n.t('attendance.role')}</th>
                <th scope="col">{i18n.t('invitations.response')}</th>
              </tr>
            </thead>
            <tbody>
              {invitations.map((inv) => (
                <tr>
                  <td>
                    <T value={inv.organisationName} i18n={i18n} />
                  </td>
                  <td>{i18n.t(`attendance.role.${inv.role}`)}</td>
                  <td>{i18n.t(`invitations.response.${inv.response}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {agendaOpen(meeting.status) && candidates.length > 0 && (
        <section class="card" aria-labelledby="invite">
          <h2 id="invite">{i18n.t('invitations.invite')}</h2>
          <p class="hint">{i18n.t('invitations.inviteHint')}</p>
          <ErrorSummary ctx={ctx} errors={errors} />
          <Form ctx={ctx} action={`/${i18n.lang}/meetings/${meeting.id}/invitations`}>
            {ORGANISATION_CATEGORIES.map((category) => {
              const group = candidates.filter((o) => o.category === category);
              if (group.length === 0) return null;
              return (
                <fieldset class="field">
                  <legend>{i18n.t(`category.${category}`)}</legend>
                  {group.map((o) => (
                    <div class="field checkbox">
                      <label for={`inv-${o.id}`}>
                        <input
                          id={`inv-${o.id}`}
                          type="checkbox"
                          name="organisationIds"
                          value={o.id}
                          checked={memberIds.has(o.id)}
                        />{' '}
                        <T value={o.name} i18n={i18n} />
                      </label>
                    </div>
                  ))}
                </fieldset>
              );
            })}
            <Select
              name="role"
              label={i18n.t('invitations.as')}
              value="member"
              options={(['member', 'observer', 'guest'] as const).map((r) => ({
                value: r,
                label: i18n.t(`attendance.role.${r}`),
              }))}
            />
            <Submit>{i18n.t('invitations.send')}</Submit>
          </Form>
        </section>
      )}
    </Layout>
  );
}

export function AttendancePage({
  ctx,
  meeting,
  rows,
  organisations,
  people,
  errors,
}: {
  ctx: PageContext;
  meeting: MeetingDetail;
  rows: AttendanceRow[];
  organisations: Org[];
  people: Person[];
  errors?: FieldErrors | undefined;
}) {
  const { i18n } = ctx;
  const base = `/${i18n.lang}/meetings/${meeting.id}/attendance`;
  const staff = ctx.can('run-meetings');
  const summary = summarise(rows, i18n);
  return (
    <Layout ctx={ctx} title={i18n.t('attendance.title')} section="meetings">
      <MeetingHeader ctx={ctx} meeting={meeting} title={i18n.t('attendance.title')} />
      <p class="no-print">
        <a href={`${base}.pdf`}>{i18n.t('attendance.pdf')}</a>
      </p>
      {summary.people > 0 && (
        <p>
          {i18n.t('attendance.summaryLine', { count: summary.people })} {summaryPhrase(summary, i18n)}.
        </p>
      )}
      {rows.length === 0 ? (
        <p>{i18n.t('attendance.empty')}</p>
      ) : (
        <Form ctx={ctx} action={base} className="register">
          <div class="table-scroll">
            <table class="data register">
              <thead>
                <tr>
                  <th scope="col">№</th>
                  <th scope="col">{i18n.t('attendance.person')}</th>
                  <th scope="col">{i18n.t('attendance.organisation')}</th>
                  <th scope="col">{i18n.t('attendance.category')}</th>
                  <th scope="col">{i18n.t('attendance.role')}</th>
                  <th scope="col">{i18n.t('attendance.presence')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r, i) => (
                  <tr>
                    <td>{i + 1}</td>
                    <td>
                      <T value={r.personName} i18n={i18n} />
                    </td>
                    <td>
                      <T value={r.organisationName} i18n={i18n} />
                    </td>
                    <td>{i18n.t(`category.${r.category}`)}</td>
                    <td>{i18n.t(`attendance.role.${r.role}`)}</td>
                    <td>
                      {staff ? (
                        <select
                          name={`presence_${r.id}`}
                          aria-label={`${i18n.t('attendance.presence')}: ${plain(r.personName, i18n)}`}
                        >
                          {(['expected', 'present', 'online', 'absent'] as const).map((p) => (
                            <option value={p} selected={p === r.presence}>
                              {i18n.t(`attendance.presence.${p}`)}
                            </option>
                          ))}
                        </select>
                      ) : (
                        i18n.t(`attendance.presence.${r.presence}`)
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {staff && <Submit>{i18n.t('attendance.save')}</Submit>}
        </Form>
      )}
      {staff && (
        <section class="card no-print" aria-labelledby="add-person">
          <h2 id="add-person">{i18n.t('attendance.add')}</h2>
          <ErrorSummary ctx={ctx} errors={errors} />
          <Form ctx={ctx} action={`${base}/add`}>
            <Select
              name="organisationId"
              label={i18n.t('attendance.organisation')}
              error={errors?.organisationId}
              options={sortByName(organisations, i18n).map((o) => ({ value: o.id, label: plain(o.name, i18n) }))}
            />
            <Select
              name="personId"
              label={i18n.t('attendance.person')}
              error={errors?.personId}
              options={personOptions(people, ctx, '—')}
            />
            <TextField
              name="newPerson"
              label={i18n.t('attendance.newPerson')}
              maxLength={200}
              error={errors?.newPerson}
            />
            <Select
              name="role"
              label={i18n.t('attendance.role')}
              value="guest"
              options={(['member', 'observer', 'guest', 'presenter'] as const).map((r) => ({
                value: r,
                label: i18n.t(`attendance.role.${r}`),
              }))}
            />
            <Submit>{i18n.t('attendance.add')}</Submit>
          </Form>
        </section>
      )}
    </Layout>
  );
}

const SECTIONS = ['summary', 'proposals', 'discussion', 'decisions'] as const;

/** Minutes of one version as plain text per item (what the comparison compares). */
export function minutesText(content: MinutesContent, agenda: AgendaItemView[], ctx: PageContext): string {
  const { i18n } = ctx;
  return agenda
    .map((item) => {
      const c = content.items[item.id] ?? {};
      const sections = SECTIONS.map((s) => {
        const t = i18n.pick(c[s])?.text;
        return t ? `${i18n.t(`minutes.section.${s}`)}: ${t}` : '';
      }).filter(Boolean);
      return [`${item.position}. ${plain(item.title, i18n)}`, ...sections].join('\n');
    })
    .join('\n\n');
}

export interface MinutesPageData {
  meeting: MeetingDetail;
  agenda: AgendaItemView[];
  versions: {
    id: string;
    version: number;
    content: MinutesContent;
    note: string | null;
    createdAt: Date;
    author: string | null;
  }[];
  corrections: {
    id: string;
    agendaItemId: string | null;
    text: string;
    status: 'open' | 'accepted' | 'rejected';
    createdAt: Date;
    version: number;
    author: string | null;
  }[];
  compare: { a: number; b: number } | undefined;
  mayCorrect: boolean;
  organisations: Org[];
  forms?: {
    correction?: { values: Values; errors: FieldErrors };
    decision?: { values: Values; errors: FieldErrors };
    approve?: FieldErrors;
  };
}

export function MinutesPage({ ctx, data }: { ctx: PageContext; data: MinutesPageData }) {
  const { i18n } = ctx;
  const lang = i18n.lang;
  const m = data.meeting;
  const base = `/${lang}/meetings/${m.id}/minutes`;
  const staff = ctx.can('run-meetings');
  const current = data.versions[0];
  const editable = staff && (m.status === 'held' || m.status === 'minutes_review');
  const a = data.compare && data.versions.find((v) => v.version === data.compare?.a);
  const b = data.compare && data.versions.find((v) => v.version === data.compare?.b);
  const itemOptions = [
    { value: '', label: i18n.t('decisions.noItem') },
    ...data.agenda.map((x) => ({ value: x.id, label: `${x.position}. ${plain(x.title, i18n)}` })),
  ];
  return (
    <Layout ctx={ctx} title={i18n.t('minutes.title')} section="meetings">
      <MeetingHeader ctx={ctx} meeting={m} title={i18n.t('minutes.title')} />
      <ErrorSummary ctx={ctx} errors={data.forms?.approve} />
      {!current && <p>{i18n.t('minutes.none')}</p>}
      {current && (
        <section aria-labelledby="current">
          <h2 id="current">
            {i18n.t('minutes.versionBy', {
              version: current.version,
              date: i18n.dateTime(current.createdAt, m.timeZone),
              author: current.author ?? '—',
            })}
          </h2>
          {data.agenda.map((item) => {
            const c = current.content.items[item.id] ?? {};
            return (
              <article class="minutes-item">
                <h3>
                  {item.position}. <T value={item.title} i18n={i18n} />
                </h3>
                {SECTIONS.map((s) =>
                  i18n.pick(c[s]) ? (
                    <>
                      <h4>{i18n.t(`minutes.section.${s}`)}</h4>
                      <p>
                        <T value={c[s]} i18n={i18n} />
                      </p>
                    </>
                  ) : null,
                )}
              </article>
            );
          })}
        </section>
      )}

      {data.versions.length > 1 && (
        <section aria-labelledby="versions">
          <h2 id="versions">{i18n.t('minutes.versions')}</h2>
          <ul>
            {data.versions.map((v) => (
              <li>
                {i18n.t('minutes.versionBy', {
                  version: v.version,
                  date: i18n.dateTime(v.createdAt, m.timeZone),
                  author: v.author ?? '—',
                })}
                {v.note && <span class="muted"> — {v.note}</span>}
              </li>
            ))}
          </ul>
          <form method="get" action={base} class="filters">
            <div class="field">
              <label for="cmp-a">{i18n.t('minutes.older')}</label>
              <select id="cmp-a" name="a">
                {data.versions.map((v) => (
                  <option
                    value={String(v.version)}
                    selected={v.version === (data.compare?.a ?? data.versions[1]?.version)}
                  >
                    {i18n.t('minutes.version', { version: v.version })}
                  </option>
                ))}
              </select>
            </div>
            <div class="field">
              <label for="cmp-b">{i18n.t('minutes.newer')}</label>
              <select id="cmp-b" name="b">
                {data.versions.map((v) => (
                  <option value={String(v.version)} selected={v.version === (data.compare?.b ?? current?.version)}>
                    {i18n.t('minutes.version', { version: v.version })}
                  </option>
                ))}
              </select>
            </div>
            <p>
              <button type="submit" class="button">
                {i18n.t('minutes.compare')}
              </button>
            </p>
          </form>
          {a && b && (
            <section aria-labelledby="comparison">
              <h3 id="comparison">{i18n.t('minutes.compareTitle', { a: a.version, b: b.version })}</h3>
              <SideBySide
                before={minutesText(a.content, data.agenda, ctx)}
                after={minutesText(b.content, data.agenda, ctx)}
                beforeLabel={i18n.t('minutes.version', { version: a.version })}
                afterLabel={i18n.t('minutes.version', { version: b.version })}
                removedLabel={i18n.t('minutes.removed')}
                addedLabel={i18n.t('minutes.added')}
              />
            </section>
          )}
        </section>
      )}

      {editable && (
        <details class="staff-form">
          <summary>
            {i18n.t('minutes.edit')} ({LANG_NATIVE_NAMES[lang]})
          </summary>
          <Form ctx={ctx} action={base}>
            {data.agenda.map((item) => (
              <fieldset class="field">
                <legend>
                  {item.position}. {plain(item.title, i18n)}
                </legend>
                {SECTIONS.map((s) => (
                  <div class="field">
                    <label for={`m-${item.id}-${s}`}>{i18n.t(`minutes.section.${s}`)}</label>
                    <textarea id={`m-${item.id}-${s}`} name={`item_${item.id}_${s}`} rows={4} lang={lang}>
                      {current?.content.items[item.id]?.[s]?.[lang] ?? ''}
                    </textarea>
                  </div>
                ))}
              </fieldset>
            ))}
            <TextField name="note" label={i18n.t('minutes.note')} maxLength={1000} />
            <Submit>{i18n.t('minutes.saveVersion')}</Submit>
          </Form>
        </details>
      )}

      {staff && m.status === 'held' && current && (
        <Form ctx={ctx} action={`${base}/circulate`}>
          <Submit>{i18n.t('minutes.circulate')}</Submit>
        </Form>
      )}

      {(m.status === 'minutes_review' || data.corrections.length > 0) && (
        <section aria-labelledby="corrections">
          <h2 id="corrections">{i18n.t('minutes.corrections')}</h2>
          {data.corrections.length === 0 && <p>{i18n.t('minutes.noCorrections')}</p>}
          <ul class="corrections">
            {data.corrections.map((c) => (
              <li>
                <p>
                  <strong>{c.author ?? '—'}</strong> ({i18n.t('minutes.version', { version: c.version })}
                  {c.agendaItemId && `, ${plain(data.agenda.find((x) => x.id === c.agendaItemId)?.title ?? {}, i18n)}`}
                  ): <span class={`badge correction-${c.status}`}>{i18n.t(`minutes.correction.${c.status}`)}</span>
                </p>
                <p class="correction-text">{c.text}</p>
                {staff && c.status === 'open' && (
                  <div class="button-row">
                    {(['accepted', 'rejected'] as const).map((st) => (
                      <Form ctx={ctx} action={`${base}/corrections/${c.id}`} className="inline-form">
                        <input type="hidden" name="status" value={st} />
                        <button type="submit" class="link-button">
                          {i18n.t(st === 'accepted' ? 'minutes.accept' : 'minutes.reject')}
                        </button>
                      </Form>
                    ))}
                  </div>
                )}
              </li>
            ))}
          </ul>
          {m.status === 'minutes_review' && data.mayCorrect && (
            <details class="staff-form" open={data.forms?.correction ? true : undefined}>
              <summary>{i18n.t('minutes.proposeCorrection')}</summary>
              <ErrorSummary ctx={ctx} errors={data.forms?.correction?.errors} />
              <Form ctx={ctx} action={`${base}/corrections`}>
                <Select
                  name="agendaItemId"
                  label={i18n.t('minutes.correctionItem')}
                  value={data.forms?.correction?.values.agendaItemId}
                  options={itemOptions}
                />
                <div class={data.forms?.correction?.errors.text ? 'field has-error' : 'field'}>
                  <label for="field-text">{i18n.t('minutes.correctionText')}</label>
                  {data.forms?.correction?.errors.text && (
                    <p class="field-error">{data.forms.correction.errors.text}</p>
                  )}
                  <textarea id="field-text" name="text" rows={5} maxLength={10000}>
                    {data.forms?.correction?.values.text ?? ''}
                  </textarea>
                </div>
                <Submit>{i18n.t('minutes.proposeCorrection')}</Submit>
              </Form>
            </details>
          )}
          {m.status === 'minutes_review' && ctx.can('approve-minutes') && (
            <Form ctx={ctx} action={`${base}/approve`}>
              <Submit>{i18n.t('minutes.approve')}</Submit>
            </Form>
          )}
        </section>
      )}

      {staff && (m.status === 'held' || m.status === 'minutes_review' || m.status === 'minutes_approved') && (
        <section class="card" aria-labelledby="add-decision">
          <h2 id="add-decision">{i18n.t('decisions.add')}</h2>
          <ErrorSummary ctx={ctx} errors={data.forms?.decision?.errors} />
          <Form ctx={ctx} action={`/${lang}/meetings/${m.id}/decisions`}>
            <Select
              name="agendaItemId"
              label={i18n.t('decisions.item')}
              value={data.forms?.decision?.values.agendaItemId}
              options={itemOptions}
            />
            <TranslatedInputs
              prefix="text"
              legend={i18n.t('decisions.text')}
              values={data.forms?.decision?.values ?? {}}
              errors={data.forms?.decision?.errors}
              maxLength={3000}
            />
            <TranslatedInputs
              prefix="task"
              legend={i18n.t('decisions.taskDescription')}
              values={data.forms?.decision?.values ?? {}}
              errors={data.forms?.decision?.errors}
              maxLength={3000}
            />
            <Select
              name="taskOrganisationId"
              label={i18n.t('decisions.taskOrganisation')}
              value={data.forms?.decision?.values.taskOrganisationId}
              error={data.forms?.decision?.errors.taskOrganisationId}
              options={[
                { value: '', label: '—' },
                ...sortByName(data.organisations, i18n).map((o) => ({ value: o.id, label: plain(o.name, i18n) })),
              ]}
            />
            <TextField
              name="taskDeadline"
              type="date"
              label={i18n.t('decisions.taskDeadline')}
              value={data.forms?.decision?.values.taskDeadline}
              error={data.forms?.decision?.errors.taskDeadline}
            />
            <Submit>{i18n.t('decisions.add')}</Submit>
          </Form>
        </section>
      )}
    </Layout>
  );
}

export function CommuniquePage({
  ctx,
  meeting,
  communique,
  values,
  errors,
}: {
  ctx: PageContext;
  meeting: MeetingDetail;
  communique: { title: Translated; body: Translated; publishedAt: Date | null } | undefined;
  values: Values;
  errors?: FieldErrors | undefined;
}) {
  const { i18n } = ctx;
  const base = `/${i18n.lang}/meetings/${meeting.id}/communique`;
  return (
    <Layout ctx={ctx} title={i18n.t('meeting.communique')} section="meetings">
      <MeetingHeader ctx={ctx} meeting={meeting} title={i18n.t('meeting.communique')} />
      <ErrorSummary ctx={ctx} errors={errors} />
      {communique?.publishedAt && (
        <p class="flash">{i18n.t('communique.publishedOn', { date: i18n.date(communique.publishedAt) })}</p>
      )}
      <Form ctx={ctx} action={`${base}/generate`}>
        {communique && <p class="hint">{i18n.t('communique.regenerateWarning')}</p>}
        <Submit>{i18n.t('communique.generate')}</Submit>
      </Form>
      {communique && (
        <Form ctx={ctx} action={base}>
          <TranslatedInputs
            prefix="title"
            legend={i18n.t('communique.titleField')}
            values={values}
            errors={errors}
            maxLength={300}
          />
          {LANGS.map((l) => (
            <div class="field">
              <label for={`field-body_${l}`}>
                {i18n.t('communique.bodyField')} — <span lang={l}>{LANG_NATIVE_NAMES[l]}</span>
              </label>
              <textarea id={`field-body_${l}`} name={`body_${l}`} rows={14} lang={l}>
                {values[`body_${l}`] ?? ''}
              </textarea>
            </div>
          ))}
          <Submit>{i18n.t('communique.save')}</Submit>
        </Form>
      )}
      {communique && !communique.publishedAt && meeting.status === 'minutes_approved' && (
        <Form ctx={ctx} action={`${base}/publish`}>
          <Submit>{i18n.t('communique.publish')}</Submit>
        </Form>
      )}
      {communique && meeting.status !== 'minutes_approved' && !communique.publishedAt && (
        <p class="hint">{i18n.t('communique.notApproved')}</p>
      )}
    </Layout>
  );
}
