import type { PageContext } from '../../core/html/context.ts';
import { type Fields, fieldsOf, TextField, TranslatedInputs, type Values } from '../../core/html/fields.tsx';
import { ButtonForm, ErrorSummary, Form, StaffForm, Submit } from '../../core/html/form.tsx';
import { Layout } from '../../core/html/layout.tsx';
import { plain, T } from '../../core/html/text.tsx';
import type { FieldErrors } from '../../core/http/forms.ts';
import { sortByName } from '../../organisations/index.ts';
import type { AgendaItemView, MeetingDetail } from '../queries.ts';
import { MeetingHeader, type Option, type Org, type Person, personOptions } from '../views/manage-parts.tsx';
import { agendaOpen } from '../workflow.ts';

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
  const itemField = fieldsOf(forms?.item?.values, forms?.item?.errors);
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
            {open && <ItemControls ctx={ctx} item={item} index={index} count={agenda.length} base={base} />}
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
                    <ButtonForm
                      ctx={ctx}
                      action={`${base}/presenters/${p.id}/delete`}
                      link
                      label={`${i18n.t('agenda.removePresenter')}: ${plain(p.organisation.name, i18n)}`}
                    >
                      {i18n.t('agenda.removePresenter')}
                    </ButtonForm>
                  )}
                </li>
              ))}
            </ul>
            {open && (
              <PresenterForm ctx={ctx} item={item} base={base} orgOptions={orgOptions} people={people} forms={forms} />
            )}
          </li>
        ))}
      </ol>
      {open && (
        <section aria-labelledby="add-item" class="card">
          <h2 id="add-item">{i18n.t('agenda.addItem')}</h2>
          <Form ctx={ctx} errors={forms?.item?.errors} action={base}>
            <AgendaItemFields ctx={ctx} field={itemField} />
            <Submit>{i18n.t('agenda.add')}</Submit>
          </Form>
        </section>
      )}
    </Layout>
  );
}

/** The buttons that move an item up or down the agenda (where it has a neighbour that way). */
const MOVES = [
  { direction: 'up', arrow: '↑', label: 'agenda.moveUp' },
  { direction: 'down', arrow: '↓', label: 'agenda.moveDown' },
] as const;

/** The buttons of one item in the editor: move up or down, edit, remove. */
function ItemControls({
  ctx,
  item,
  index,
  count,
  base,
}: {
  ctx: PageContext;
  item: AgendaItemView;
  index: number;
  count: number;
  base: string;
}) {
  const { i18n } = ctx;
  return (
    <div class="button-row">
      {MOVES.filter((m) => (m.direction === 'up' ? index > 0 : index < count - 1)).map((m) => (
        <ButtonForm
          ctx={ctx}
          action={`${base}/${item.id}/move`}
          hidden={{ direction: m.direction }}
          link
          label={`${i18n.t(m.label)}: ${plain(item.title, i18n)}`}
        >
          {m.arrow} {i18n.t(m.label)}
        </ButtonForm>
      ))}
      <a href={`${base}/${item.id}/edit`}>{i18n.t('agenda.editItem')}</a>
      <ButtonForm
        ctx={ctx}
        action={`${base}/${item.id}/delete`}
        link
        label={`${i18n.t('agenda.remove')}: ${plain(item.title, i18n)}`}
      >
        {i18n.t('agenda.remove')}
      </ButtonForm>
    </div>
  );
}

/** The form to add a presenter to one item (open again, with its errors, after a refused submission). */
function PresenterForm({
  ctx,
  item,
  base,
  orgOptions,
  people,
  forms,
}: {
  ctx: PageContext;
  item: AgendaItemView;
  base: string;
  orgOptions: Option[];
  people: Person[];
  forms: Parameters<typeof AgendaEditorPage>[0]['forms'];
}) {
  const { i18n } = ctx;
  return (
    <StaffForm summary={i18n.t('agenda.addPresenter')} open={forms?.presenter?.itemId === item.id}>
      {forms?.presenter?.itemId === item.id && <ErrorSummary ctx={ctx} errors={forms.presenter.errors} />}
      <Form ctx={ctx} action={`${base}/${item.id}/presenters`}>
        <ItemSelect
          id={`org-${item.id}`}
          name="organisationId"
          label={i18n.t('agenda.presenterOrganisation')}
          options={orgOptions}
        />
        <ItemSelect
          id={`person-${item.id}`}
          name="personId"
          label={i18n.t('agenda.presenterPerson')}
          options={personOptions(people, ctx, '—')}
        />
        <ItemSelect
          id={`role-${item.id}`}
          name="role"
          label={i18n.t('agenda.presenterRole')}
          options={PRESENTER_ROLES.map((r) => ({ value: r, label: i18n.t(`presenter.role.${r}`) }))}
        />
        <Submit>{i18n.t('agenda.addPresenter')}</Submit>
      </Form>
    </StaffForm>
  );
}

const PRESENTER_ROLES = ['report', 'co_report', 'proposals', 'comment'] as const;

/** A select of the presenter form, whose ids carry the item's (the editor shows one form per item). */
function ItemSelect({ id, name, label, options }: { id: string; name: string; label: string; options: Option[] }) {
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <select id={id} name={name}>
        {options.map((o) => (
          <option value={o.value}>{o.label}</option>
        ))}
      </select>
    </div>
  );
}

/** The fields of an agenda item, on the editor's "add" form and on the item's edit page. */
function AgendaItemFields({ ctx, field }: { ctx: PageContext; field: Fields }) {
  const { i18n } = ctx;
  return (
    <>
      <TranslatedInputs {...field.translated('title')} legend={i18n.t('agenda.itemTitle')} maxLength={500} />
      <TranslatedInputs
        {...field.translated('description')}
        legend={i18n.t('agenda.itemDescription')}
        maxLength={5000}
      />
      <TextField {...field('plannedMinutes')} label={i18n.t('agenda.plannedMinutes')} />
    </>
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
      <Form ctx={ctx} errors={errors} action={action}>
        <AgendaItemFields ctx={ctx} field={fieldsOf(values, errors)} />
        <Submit>{i18n.t('form.save')}</Submit>
      </Form>
    </Layout>
  );
}
