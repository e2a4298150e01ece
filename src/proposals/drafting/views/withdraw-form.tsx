import { TextField } from '../../../core/html/fields.tsx';
import { Form, StaffForm, Submit } from '../../../core/html/form.tsx';
import { type SectionProps, scope } from '../../proposal/views/data.ts';

/** The authors’ form to withdraw the proposal. */
export function WithdrawForm(props: SectionProps) {
  const { ctx, data } = props;
  const { i18n, p, base } = scope(props);
  return (
    <>
      {data.isAuthor && ['draft', 'submitted', 'registered', 'assigned', 'answered'].includes(p.status) && (
        <StaffForm summary={i18n.t('proposal.withdraw')} open={false}>
          <Form ctx={ctx} action={`${base}/withdraw`}>
            <TextField name="reason" label={i18n.t('proposal.reason')} maxLength={5000} />
            <Submit>{i18n.t('proposal.withdraw')}</Submit>
          </Form>
        </StaffForm>
      )}
    </>
  );
}
