import type { MailChoice } from '../../../core/db/schema-platform.ts';
import type { NotificationKind } from '../../../core/extensions.ts';
import type { PageContext } from '../../../core/html/context.ts';
import { Form, Submit } from '../../../core/html/form.tsx';
import { TitledPage } from '../../../core/html/layout.tsx';
import type { FieldErrors } from '../../../core/http/forms.ts';
import { defaultChoice, MAIL_CHOICES } from '../../../core/notifications/choices.ts';

/**
 * One's choice of e-mail per kind of notification (issue 13): one form, a fieldset with its legend
 * and a radio group per kind offered to the person's role, the role's default marked.
 */
export function NotificationSettingsPage({
  ctx,
  kinds,
  chosen,
  errors,
}: {
  ctx: PageContext;
  kinds: readonly NotificationKind[];
  chosen: Record<string, string>;
  errors?: FieldErrors | undefined;
}) {
  const { i18n } = ctx;
  const role = ctx.user?.role ?? 'citizen';
  const label = (c: MailChoice) => i18n.t(`notifications.preference.${c}`);
  return (
    <TitledPage ctx={ctx} title={i18n.t('notificationSettings.title')} section="account">
      {kinds.length === 0 ? (
        <p>{i18n.t('notificationSettings.none')}</p>
      ) : (
        <>
          <p>{i18n.t('notificationSettings.intro')}</p>
          <Form ctx={ctx} action={`/${i18n.lang}/account/notifications`} errors={errors}>
            {kinds.map((k) => {
              const error = errors?.[k.key];
              const standard = defaultChoice(k, role);
              return (
                <fieldset class={error ? 'field has-error' : 'field'} id={`field-${k.key}`}>
                  <legend>{i18n.t(k.label)}</legend>
                  {error && <p class="field-error">{error}</p>}
                  {MAIL_CHOICES.map((c) => (
                    <label class="choice">
                      <input type="radio" name={k.key} value={c} checked={chosen[k.key] === c} required />{' '}
                      {c === standard ? i18n.t('notificationSettings.default', { choice: label(c) }) : label(c)}
                    </label>
                  ))}
                </fieldset>
              );
            })}
            <Submit>{i18n.t('form.save')}</Submit>
          </Form>
        </>
      )}
    </TitledPage>
  );
}
