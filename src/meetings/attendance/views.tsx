import type { PageContext } from '../../core/html/context.ts';
import { Select, TextField } from '../../core/html/fields.tsx';
import { Form, Submit } from '../../core/html/form.tsx';
import { Layout } from '../../core/html/layout.tsx';
import { Table } from '../../core/html/table.tsx';
import { plain, T } from '../../core/html/text.tsx';
import type { FieldErrors } from '../../core/http/forms.ts';
import { sortByName } from '../../organisations/index.ts';
import type { MeetingDetail } from '../queries.ts';
import { ATTENDANCE_ROLES } from '../schema.ts';
import { MeetingHeader, type Org, type Person, RoleSelect } from '../views/manage-parts.tsx';
import type { RegisterLine } from './prefill.ts';
import { summarise, summaryPhrase } from './summary.ts';

/** What the form that adds a person offers: the organisations, the one chosen and its people, and its errors. */
interface AddPersonData {
  organisations: Org[];
  /** The organisation chosen in the add form's first step, whose people the second step offers. */
  chosen: Org | undefined;
  people: Person[];
  errors?: FieldErrors | undefined;
}

export function AttendancePage({
  ctx,
  meeting,
  lines,
  ...add
}: { ctx: PageContext; meeting: MeetingDetail; lines: RegisterLine[] } & AddPersonData) {
  const { i18n } = ctx;
  const base = `/${i18n.lang}/meetings/${meeting.id}/attendance`;
  const staff = ctx.can('run-meetings');
  const rows = lines.flatMap((l) => (l.kind === 'registered' ? [l.row] : []));
  const summary = summarise(rows, i18n);
  const prefilled = lines.some((l) => l.kind === 'invited' || l.answer !== undefined);
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
      {lines.length === 0 ? (
        <p>{i18n.t('attendance.empty')}</p>
      ) : (
        <Form ctx={ctx} action={base} className="register">
          {staff && prefilled && <p class="hint no-print">{i18n.t('attendance.fromInvitations')}</p>}
          <Table
            className="data register"
            columns={[
              '№',
              ...(['person', 'organisation', 'category', 'role'] as const).map((k) => i18n.t(`attendance.${k}`)),
              ...(staff ? [i18n.t('attendance.answer')] : []),
              i18n.t('attendance.presence'),
            ]}
          >
            {lines.map((l, i) => (
              <RegisterRow ctx={ctx} line={l} index={i} staff={staff} />
            ))}
          </Table>
          {staff && <Submit>{i18n.t('attendance.save')}</Submit>}
        </Form>
      )}
      {staff && <AddPerson ctx={ctx} base={base} {...add} />}
    </Layout>
  );
}

const PRESENCES = ['expected', 'present', 'online', 'absent'] as const;

/** One line: a person in the register (presence_<id>), or an invited organisation's person not yet in it (add_<org>_<person>). */
function RegisterRow({
  ctx,
  line,
  index,
  staff,
}: {
  ctx: PageContext;
  line: RegisterLine;
  index: number;
  staff: boolean;
}) {
  const { i18n } = ctx;
  const l =
    line.kind === 'registered'
      ? { ...line.row, name: `presence_${line.row.id}`, presence: line.row.presence as string }
      : { ...line, name: `add_${line.organisationId}_${line.personId}`, presence: '' };
  return (
    <tr class={line.kind === 'invited' ? 'invited' : undefined}>
      <td>{index + 1}</td>
      <td>
        <T value={l.personName} i18n={i18n} />
      </td>
      <td>
        <T value={l.organisationName} i18n={i18n} />
      </td>
      <td>{i18n.t(`category.${l.category}`)}</td>
      <td>{i18n.t(`attendance.role.${l.role}`)}</td>
      {staff && (
        <td>
          {line.answer === 'not_invited' || line.answer === undefined
            ? i18n.t('attendance.notInvited')
            : i18n.t(`invitations.response.${line.answer}`)}
        </td>
      )}
      <td>
        {staff ? (
          <select name={l.name} aria-label={`${i18n.t('attendance.presence')}: ${plain(l.personName, i18n)}`}>
            {line.kind === 'invited' && (
              <option value="" selected>
                {i18n.t('attendance.notRecorded')}
              </option>
            )}
            {PRESENCES.map((p) => (
              <option value={p} selected={p === l.presence}>
                {i18n.t(`attendance.presence.${p}`)}
              </option>
            ))}
          </select>
        ) : (
          i18n.t(`attendance.presence.${l.presence as (typeof PRESENCES)[number]}`)
        )}
      </td>
    </tr>
  );
}

/**
 * Adding a person, in two steps that need no JavaScript: choose the organisation (a GET that reloads
 * the page with ?organisation=), then one of its people or a new name.
 */
function AddPerson({
  ctx,
  base,
  organisations,
  chosen,
  people,
  errors,
}: { ctx: PageContext; base: string } & AddPersonData) {
  const { i18n } = ctx;
  return (
    <section class="card no-print" aria-labelledby="add-person">
      <h2 id="add-person">{i18n.t('attendance.add')}</h2>
      <form method="get" action={`${base}#add-person`} class="stacked choose-organisation">
        <Select
          name="organisation"
          label={i18n.t('attendance.organisation')}
          value={chosen?.id}
          error={chosen ? undefined : errors?.organisationId}
          options={sortByName(organisations, i18n).map((o) => ({ value: o.id, label: plain(o.name, i18n) }))}
        />
        <button type="submit" class="secondary">
          {i18n.t(chosen ? 'attendance.otherOrganisation' : 'attendance.chooseOrganisation')}
        </button>
      </form>
      {chosen && (
        <Form ctx={ctx} errors={errors} action={`${base}/add`}>
          <input type="hidden" name="organisationId" value={chosen.id} />
          <p>
            <strong>
              <T value={chosen.name} i18n={i18n} />
            </strong>{' '}
            — {i18n.t('attendance.personOrNew')}
          </p>
          <Select
            name="personId"
            label={i18n.t('attendance.person')}
            error={errors?.personId}
            options={[
              { value: '', label: '—' },
              ...sortByName(people, i18n).map((p) => ({ value: p.personId, label: plain(p.name, i18n) })),
            ]}
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
      )}
    </section>
  );
}
