import type { AttendanceRole, ORGANISATION_CATEGORIES } from '../../core/db/schema.ts';
import type { PageContext } from '../../core/html/context.ts';
import { type Fields, Select } from '../../core/html/fields.tsx';
import { plain } from '../../core/html/text.tsx';
import type { Translated } from '../../core/i18n/translated.ts';
import { sortByName } from '../../organisations/index.ts';
import type { MeetingDetail } from '../queries.ts';

/** What the management pages share: the header naming the meeting, and the choices of people and organisations. */

export type Option = { value: string; label: string };
export type Person = {
  personId: string;
  name: Translated;
  organisationId: string;
  organisationName: Translated;
  organisationShortName: Translated;
};
export type Org = { id: string; name: Translated; category: (typeof ORGANISATION_CATEGORIES)[number] };

export function MeetingHeader({ ctx, meeting, title }: { ctx: PageContext; meeting: MeetingDetail; title: string }) {
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

/** The select of one of the agenda's items (field `agendaItemId`), each "1. Title"; `empty` for none. */
export function AgendaItemSelect(props: {
  ctx: PageContext;
  field: Fields;
  agenda: { id: string; position: number; title: Translated }[];
  label: string;
  empty: string;
}) {
  const { ctx, field, agenda, label, empty } = props;
  const options = agenda.map((a) => ({ value: a.id, label: `${a.position}. ${plain(a.title, ctx.i18n)}` }));
  return <Select {...field('agendaItemId')} label={label} empty={empty} options={options} />;
}

/** The select of a role at a meeting (field `role`), among `roles`. */
export function RoleSelect(props: {
  ctx: PageContext;
  roles: readonly AttendanceRole[];
  label: string;
  value: string;
}) {
  const { ctx, roles, label, value } = props;
  const options = roles.map((r) => ({ value: r, label: ctx.i18n.t(`attendance.role.${r}`) }));
  return <Select name="role" label={label} value={value} options={options} />;
}

export function personOptions(people: Person[], ctx: PageContext, empty: string): Option[] {
  return [
    { value: '', label: empty },
    ...sortByName(people, ctx.i18n).map((p) => ({
      value: p.personId,
      label: `${plain(p.name, ctx.i18n)} — ${plain(Object.keys(p.organisationShortName).length ? p.organisationShortName : p.organisationName, ctx.i18n)}`,
    })),
  ];
}
