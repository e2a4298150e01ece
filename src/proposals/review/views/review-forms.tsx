import { fieldsOf, Select, TextField, TranslatedInputs } from '../../../core/html/fields.tsx';
import { Form, Submit } from '../../../core/html/form.tsx';
import { type SectionProps, scope } from '../../proposal/views/data.ts';

/** The secretariat’s assignment form and the addressed body’s answer form. */
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
          <Form ctx={ctx} action={`${base}/answer`}>
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
              maxLength={5000}
            />
            <Submit>{i18n.t('proposal.answer')}</Submit>
          </Form>
        </section>
      )}
    </>
  );
}
