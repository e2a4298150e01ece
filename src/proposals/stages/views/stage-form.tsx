import { todayInBodyZone } from '../../../core/dates.ts';
import { fieldsOf, TextField } from '../../../core/html/fields.tsx';
import { Form, StaffForm, Submit } from '../../../core/html/form.tsx';
import type { MessageKey } from '../../../core/i18n/i18n.ts';
import { type SectionProps, scope } from '../../proposal/views/data.ts';

/** The secretariat’s form to record the next stage. */
export function StageForm(props: SectionProps) {
  const { ctx, data } = props;
  const { i18n, base, staff, form } = scope(props);
  const stageField = fieldsOf(form('stage')?.values, form('stage')?.errors);
  const removeField = fieldsOf(form('removeStage')?.values, form('removeStage')?.errors);
  return (
    <>
      {staff && data.nextStage && (
        <StaffForm summary={i18n.t('proposal.recordStage')} open={Boolean(form('stage'))}>
          <Form ctx={ctx} action={`${base}/stages`}>
            <input type="hidden" name="stage" value={data.nextStage} />
            <p>
              {i18n.t('proposal.stage')}: <strong>{i18n.t(`proposal.stage.${data.nextStage}` as MessageKey)}</strong>
            </p>
            <TextField
              {...stageField('date')}
              type="date"
              label={i18n.t('proposal.stageDate')}
              max={todayInBodyZone()}
              required
            />
            <TextField {...stageField('url')} type="url" label={i18n.t('proposal.stageUrl')} maxLength={500} />
            <Submit>{i18n.t('proposal.recordStage')}</Submit>
          </Form>
        </StaffForm>
      )}
      {staff && data.proposal.stages.length > 0 && (
        <StaffForm summary={i18n.t('proposal.removeStage')} open={Boolean(form('removeStage'))}>
          <Form ctx={ctx} action={`${base}/stages/remove-last`}>
            <TextField
              {...removeField('reason')}
              label={i18n.t('proposal.removeStageReason')}
              maxLength={1000}
              required
            />
            <Submit>{i18n.t('proposal.removeStage')}</Submit>
          </Form>
        </StaffForm>
      )}
    </>
  );
}
