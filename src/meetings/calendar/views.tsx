import type { PageContext } from '../../core/html/context.ts';
import { Submit } from '../../core/html/form.tsx';
import { TitledPage } from '../../core/html/layout.tsx';

export function CalendarPage({
  ctx,
  address,
  hasAddress,
}: {
  ctx: PageContext;
  address: string | undefined;
  hasAddress: boolean;
}) {
  const { i18n } = ctx;
  return (
    <TitledPage ctx={ctx} title={i18n.t('calendar.title')} section="account">
      <p>{i18n.t('calendar.intro')}</p>
      {address && (
        <div class="flash">
          <p>{i18n.t('calendar.address')}</p>
          <p>
            <code class="calendar-address">{address}</code>
          </p>
        </div>
      )}
      {!address && hasAddress && <p>{i18n.t('calendar.hasAddress')}</p>}
      <form method="post" action={`/${i18n.lang}/account/calendar`} class="stacked">
        <input type="hidden" name="_csrf" value={ctx.csrfToken} />
        <Submit>{hasAddress || address ? i18n.t('calendar.renew') : i18n.t('calendar.create')}</Submit>
      </form>
    </TitledPage>
  );
}
