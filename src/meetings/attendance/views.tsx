import type { PageContext } from '../../core/html/context.ts';
import { Select, TextField } from '../../core/html/fields.tsx';
import { Form, Submit } from '../../core/html/form.tsx';
import { Layout } from '../../core/html/layout.tsx';
import { Table } from '../../core/html/table.tsx';
import { plain, T } from '../../core/html/text.tsx';
import type { FieldErrors } from '../../core/http/forms.ts';
import { sortByName } from '../../organisations/index.ts';
import type { AttendanceRow } from '../attendance/queries.ts';
import type { MeetingDetail } from '../queries.ts';
import { ATTENDANCE_ROLES } from '../schema.ts';
import { MeetingHeader, type Org, type Person, personOptions, RoleSelect } from '../views/manage-parts.tsx';
import { summarise, summaryPhrase } from './summary.ts';

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
          <Table
            className="data register"
            columns={[
              '№',
              ...(['person', 'organisation', 'category', 'role', 'presence'] as const).map((k) =>
                i18n.t(`attendance.${k}`),
              ),
            ]}
          >
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
          </Table>
          {staff && <Submit>{i18n.t('attendance.save')}</Submit>}
        </Form>
      )}
      {staff && (
        <section class="card no-print" aria-labelledby="add-person">
          <h2 id="add-person">{i18n.t('attendance.add')}</h2>
          <Form ctx={ctx} errors={errors} action={`${base}/add`}>
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
            <RoleSelect ctx={ctx} roles={ATTENDANCE_ROLES} label={i18n.t('attendance.role')} value="guest" />
            <Submit>{i18n.t('attendance.add')}</Submit>
          </Form>
        </section>
      )}
    </Layout>
  );
}
