import { fieldsOf, TextField } from '../../../core/html/fields.tsx';
import { Form, StaffForm, Submit } from '../../../core/html/form.tsx';
import { type SectionProps, scope } from '../../proposal/views/data.ts';

/** The secretariat’s form to merge the proposal into another. */
export function MergeForm(props: SectionProps) {
  const { ctx } = props;
  const { i18n, p, base, staff, form } = scope(props);
  const mergeField = fieldsOf(form('merge')?.values, form('merge')?.errors);
  return (
    <>
      {staff && ['submitted', 'registered', 'assigned', 'answered'].includes(p.status) && (
        <StaffForm summary={i18n.t('proposal.markDuplicate')} open={Boolean(form('merge'))}>
          <Form ctx={ctx} action={`${base}/merge`}>
            <TextField {...mergeField('into')} label={i18n.t('proposal.duplicateTarget')} required />
            <TextField name="reason" label={i18n.t('proposal.reason')} maxLength={5000} />
            <Submit>{i18n.t('proposal.markDuplicate')}</Submit>
          </Form>
        </StaffForm>
      )}
    </>
  );
}
