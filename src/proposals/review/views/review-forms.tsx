import { DocumentFileField } from '../../../core/html/document-field.tsx';
import { CheckboxGroup, fieldsOf, Select, TextField, TranslatedInputs } from '../../../core/html/fields.tsx';
import { Form, StaffForm, Submit, UploadForm } from '../../../core/html/form.tsx';
import { plain } from '../../../core/html/text.tsx';
import { type SectionProps, scope } from '../../proposal/views/data.ts';

/** The secretariat’s assignment form, the addressed body’s answer form (with the official letter) and the addressees. */
export function ReviewForms(props: SectionProps) {
  const { ctx, data } = props;
  const { i18n, p, base, staff, form } = scope(props);
  const answerField = fieldsOf(form('answer')?.values, form('answer')?.errors);
  return (
    <>
      {staff && p.status === 'registered' && (
        <section class="card">
          <Form ctx={ctx} action={`${base}/assign`}>
            <TextField
              name="deadline"
              type="date"
              label={i18n.t('proposal.assignDeadline')}
              value={form('assign')?.values.deadline ?? data.defaultDeadline}
              error={form('assign')?.errors.deadline}
              required
            />
            <Submit>{i18n.t('proposal.assign')}</Submit>
          </Form>
        </section>
      )}
      {data.myAddressee && !data.myAddressee.answer && p.status === 'assigned' && (
        <section class="card" aria-labelledby="answer-form">
          <h2 id="answer-form">{i18n.t('proposal.answer')}</h2>
          <UploadForm ctx={ctx} action={`${base}/answer`}>
            <Select
              {...answerField('answer')}
              label={i18n.t('proposal.answerField')}
              options={(['accepted', 'partly_accepted', 'rejected', 'needs_study', 'not_competent'] as const).map(
                (a) => ({ value: a, label: i18n.t(`proposal.answer.${a}`) }),
              )}
            />
            <TranslatedInputs
              {...answerField.translated('reasons')}
              legend={i18n.t('proposal.answerReasons')}
              hint={i18n.t('proposal.markdownHint')}
              maxLength={5000}
              rows={6}
            />
            <DocumentFileField
              i18n={i18n}
              label="proposal.officialLetter"
              error={form('answer')?.errors.file}
              required={false}
            />
            <Submit>{i18n.t('proposal.answer')}</Submit>
          </UploadForm>
        </section>
      )}
      <AddresseesForm {...props} />
    </>
  );
}

/** The secretariat’s form to add or remove the state bodies the proposal is addressed to (visibility.ts decides when). */
function AddresseesForm(props: SectionProps) {
  const { ctx, data } = props;
  const { i18n, p, base, form } = scope(props);
  if (!data.addressable) return null;
  const posted = form('addressees');
  return (
    <StaffForm summary={i18n.t('proposal.changeAddressees')} open={Boolean(posted)}>
      <Form ctx={ctx} action={`${base}/addressees`}>
        <CheckboxGroup
          name="addresseeIds"
          legend={i18n.t('proposal.addressees')}
          hint={i18n.t('proposal.addresseesHint')}
          error={posted?.errors.addresseeIds}
          options={data.addressable.map((o) => ({ value: o.id, label: plain(o.name, i18n) }))}
          chosen={p.addressees.map((a) => a.organisationId)}
        />
        <Submit>{i18n.t('proposal.changeAddressees')}</Submit>
      </Form>
    </StaffForm>
  );
}
