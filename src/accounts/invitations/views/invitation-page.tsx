import type { PageContext } from '../../../core/html/context.ts';
import { Form, Submit } from '../../../core/html/form.tsx';
import { TitledPage } from '../../../core/html/layout.tsx';
import { plain } from '../../../core/html/text.tsx';
import type { FieldErrors } from '../../../core/http/forms.ts';
import type { Translated } from '../../../core/i18n/translated.ts';
import { NewPasswordFields } from '../../passwords/views/password-pages.tsx';

export function InvitationPage({
  ctx,
  action,
  invitation,
  errors,
}: {
  ctx: PageContext;
  action: string;
  invitation: { email: string; role: string; organisationName: Translated | null };
  errors?: FieldErrors;
}) {
  const { i18n } = ctx;
  return (
    <TitledPage ctx={ctx} title={i18n.t('invite.title')}>
      <p>
        {i18n.t('invite.intro', { role: i18n.t(`role.${invitation.role}` as 'role.citizen'), email: invitation.email })}
      </p>
      {invitation.organisationName && (
        <p>{i18n.t('invite.organisation', { organisation: plain(invitation.organisationName, i18n) })}</p>
      )}
      <Form ctx={ctx} errors={errors} action={action}>
        <NewPasswordFields ctx={ctx} errors={errors} />
        <Submit>{i18n.t('invite.accept')}</Submit>
      </Form>
    </TitledPage>
  );
}
