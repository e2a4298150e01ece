import type { PageContext } from '../../core/html/context.ts';
import { fieldsOf, Select, TextField, TranslatedInputs, type Values } from '../../core/html/fields.tsx';
import { Form, StaffForm, Submit } from '../../core/html/form.tsx';
import type { FieldErrors } from '../../core/http/forms.ts';
import type { MembershipRow } from '../queries.ts';

/** A staff form as it comes back: what was typed and what was wrong (undefined: not sent yet). */
export type StaffFormState = { values: Values; errors: FieldErrors } | undefined;

/** The secretariat changes an organisation's membership of the body from a day on. */
export function MembershipForm({
  ctx,
  slug,
  status,
  form,
}: {
  ctx: PageContext;
  slug: string;
  /** The membership now, if any. */
  status: MembershipRow['status'] | undefined;
  form: StaffFormState;
}) {
  const { i18n } = ctx;
  return (
    <StaffForm summary={i18n.t('organisations.membershipChange')} open={Boolean(form)}>
      <Form
        ctx={ctx}
        errors={form?.errors}
        action={`/${i18n.lang}/organisations/${slug}/membership`}
        idPrefix="membership"
      >
        <Select
          name="status"
          label={i18n.t('organisations.membershipStatus')}
          value={form?.values.status ?? status ?? 'none'}
          error={form?.errors.status}
          options={(['member', 'observer', 'guest', 'none'] as const).map((st) => ({
            value: st,
            label: i18n.t(`membership.status.${st}`),
          }))}
        />
        <TextField
          name="since"
          type="date"
          label={i18n.t('organisations.membershipDate')}
          value={form?.values.since ?? new Date().toISOString().slice(0, 10)}
          error={form?.errors.since}
          required
        />
        <Submit>{i18n.t('form.save')}</Submit>
      </Form>
    </StaffForm>
  );
}

/** The staff add a person to an organisation, with their position there and since when. */
export function PersonForm({ ctx, slug, form }: { ctx: PageContext; slug: string; form: StaffFormState }) {
  const { i18n } = ctx;
  const field = fieldsOf(form?.values, form?.errors);
  return (
    <StaffForm summary={i18n.t('people.add')} open={Boolean(form)}>
      <Form ctx={ctx} errors={form?.errors} action={`/${i18n.lang}/organisations/${slug}/people`}>
        <TranslatedInputs {...field.translated('name')} legend={i18n.t('people.name')} maxLength={200} />
        <TranslatedInputs {...field.translated('title')} legend={i18n.t('people.position')} maxLength={200} />
        <TextField {...field('since')} type="date" label={i18n.t('people.since')} />
        <Submit>{i18n.t('people.add')}</Submit>
      </Form>
    </StaffForm>
  );
}
