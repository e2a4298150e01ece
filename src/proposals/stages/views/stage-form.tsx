import { fieldsOf, TextField } from '../../../core/html/fields.tsx';
import { Form, StaffForm, Submit } from '../../../core/html/form.tsx';
import type { MessageKey } from '../../../core/i18n/i18n.ts';
import { type SectionProps, scope } from '../../proposal/views/data.ts';

/** The secretariat’s form to record the next stage. */
export function StageForm(props: SectionProps) {
  const { ctx, data } = props;
  const { i18n, base, staff, form } = scope(props);
  const stageField = fieldsOf(form('stage')?.values, form('stage')?.errors);
  return (
    <>
      {staff && data.nextStage && (
        <StaffForm summary={i18n.t('proposal.recordStage')} open={Boolean(form('stage'))}>
          <Form ctx={ctx} action={`${base}/stages`}>
            <input type="hidden" name="stage" value={data.nextStage} />
            <p>
              {i18n.t('proposal.stage')}: <strong>{i18n.t(`proposal.stage.${data.nextStage}` as MessageKey)}</strong>
            </p>
            <TextField {...stageField('date')} type="date" label={i18n.t('proposal.stageDate')} required />
            <TextField {...stageField('url')} type="url" label={i18n.t('proposal.stageUrl')} maxLength={500} />
            <Submit>{i18n.t('proposal.recordStage')}</Submit>
          </Form>
        </StaffForm>
      )}
    </>
  );
}
