import type { PageContext } from '../../../core/html/context.ts';
import { Form, Submit } from '../../../core/html/form.tsx';
import { TitledPage } from '../../../core/html/layout.tsx';

/** A confirmation link's page: one button (a link opened by a mail scanner confirms nothing by itself). */
export function ConfirmPage({ ctx, email, action }: { ctx: PageContext; email: string; action: string }) {
  const { i18n } = ctx;
  return (
    <TitledPage ctx={ctx} title={i18n.t('confirm.title')}>
      <p>{i18n.t('confirm.intro', { email })}</p>
      <Form ctx={ctx} action={action}>
        <Submit>{i18n.t('confirm.submit')}</Submit>
      </Form>
    </TitledPage>
  );
}

export function InvalidConfirmationPage({ ctx }: { ctx: PageContext }) {
  const { i18n } = ctx;
  return (
    <TitledPage ctx={ctx} title={i18n.t('confirm.title')}>
      <p>{i18n.t('confirm.invalid')}</p>
      <p>
        <a href={`/${i18n.lang}/sign-in`}>{i18n.t('signIn.title')}</a>
      </p>
    </TitledPage>
  );
}
