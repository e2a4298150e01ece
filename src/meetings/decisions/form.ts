import { collectTranslated, type FormResult, parseForm } from '../../core/http/forms.ts';
import type { I18n } from '../../core/i18n/i18n.ts';
import { DecisionInput } from '../schema.ts';
import type { DecisionData } from './use-cases.ts';

/** The decision form: its text, and a task given to an organisation by a deadline — all three, or none. */
export function parseDecision(body: unknown, i18n: I18n): FormResult<DecisionData> {
  const form = parseForm(DecisionInput, body, i18n);
  if (!form.ok) return form;
  const task = collectTranslated(form.data, 'task');
  const hasTask = Object.keys(task).length > 0 || form.data.taskOrganisationId || form.data.taskDeadline;
  if (hasTask && (!Object.keys(task).length || !form.data.taskOrganisationId || !form.data.taskDeadline)) {
    return { ok: false, errors: { task_kk: i18n.t('decisions.taskIncomplete') } };
  }
  return {
    ok: true,
    data: {
      text: collectTranslated(form.data, 'text'),
      agendaItemId: form.data.agendaItemId,
      task: hasTask
        ? {
            description: task,
            organisationId: form.data.taskOrganisationId ?? '',
            deadline: form.data.taskDeadline ?? '',
          }
        : undefined,
    },
  };
}
