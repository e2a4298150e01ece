import { ORGANISATION_CATEGORIES } from '../../core/db/schema.ts';
import type { PageContext } from '../../core/html/context.ts';
import { Checkbox } from '../../core/html/fields.tsx';
import { Form, Submit } from '../../core/html/form.tsx';
import { Layout } from '../../core/html/layout.tsx';
import { Table } from '../../core/html/table.tsx';
import { T } from '../../core/html/text.tsx';
import type { FieldErrors } from '../../core/http/forms.ts';
import { sortByName } from '../../organisations/index.ts';
import type { InvitationRow } from '../invitations/queries.ts';
import type { MeetingDetail } from '../queries.ts';
import { INVITATION_ROLES } from '../schema.ts';
import { MeetingHeader, type Org, RoleSelect } from '../views/manage-parts.tsx';
import { agendaOpen } from '../workflow.ts';

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
        <Table
          className="data"
          columns={[i18n.t('attendance.organisation'), i18n.t('attendance.role'), i18n.t('invitations.response')]}
        >
          {invitations.map((inv) => (
            <tr>
              <td>
                <T value={inv.organisationName} i18n={i18n} />
              </td>
              <td>{i18n.t(`attendance.role.${inv.role}`)}</td>
              <td>{i18n.t(`invitations.response.${inv.response}`)}</td>
            </tr>
          ))}
        </Table>
      )}
      {agendaOpen(meeting.status) && candidates.length > 0 && (
        <section class="card" aria-labelledby="invite">
          <h2 id="invite">{i18n.t('invitations.invite')}</h2>
          <p class="hint">{i18n.t('invitations.inviteHint')}</p>
          <Form ctx={ctx} errors={errors} action={`/${i18n.lang}/meetings/${meeting.id}/invitations`}>
            {ORGANISATION_CATEGORIES.map((category) => {
              const group = candidates.filter((o) => o.category === category);
              if (group.length === 0) return null;
              return (
                <fieldset class="field">
                  <legend>{i18n.t(`category.${category}`)}</legend>
                  {group.map((o) => (
                    <Checkbox
                      id={`inv-${o.id}`}
                      name="organisationIds"
                      value={o.id}
                      label={<T value={o.name} i18n={i18n} />}
                      checked={memberIds.has(o.id)}
                    />
                  ))}
                </fieldset>
              );
            })}
            <RoleSelect ctx={ctx} roles={INVITATION_ROLES} label={i18n.t('invitations.as')} value="member" />
            <Submit>{i18n.t('invitations.send')}</Submit>
          </Form>
        </section>
      )}
    </Layout>
  );
}
