import { ButtonForm } from '../../../core/html/form.tsx';
import { type SectionProps, scope } from './data.ts';

/** The one-click actions: follow, support, submit, register, endorse. */
export function ActionButtons(props: SectionProps) {
  const { ctx, data } = props;
  const { i18n, p, base, staff } = scope(props);
  return (
    <div class="button-row">
      {ctx.can('follow') && (
        <ButtonForm ctx={ctx} action={`${base}/follow`} hidden={{ follow: data.following ? '0' : '1' }} secondary>
          {i18n.t(data.following ? 'proposal.unfollow' : 'proposal.follow')}
        </ButtonForm>
      )}
      {data.maySupport && (
        <ButtonForm ctx={ctx} action={`${base}/support`} hidden={{ support: p.supported ? '0' : '1' }} secondary>
          {i18n.t(
            p.supported
              ? 'proposal.unsupport'
              : ctx.user?.role === 'citizen'
                ? 'proposal.support'
                : 'proposal.supportForOrganisation',
          )}
        </ButtonForm>
      )}
      {data.isAuthor && p.status === 'draft' && (
        <ButtonForm ctx={ctx} action={`${base}/submit`}>
          {i18n.t('proposal.submit')}
        </ButtonForm>
      )}
      {staff && p.status === 'submitted' && (
        <ButtonForm ctx={ctx} action={`${base}/register`}>
          {i18n.t('proposal.register')}
        </ButtonForm>
      )}
      {!data.isAuthor &&
        ctx.user?.organisationId &&
        ctx.can('act-for-organisation', { organisationId: ctx.user.organisationId }) &&
        !['draft', 'withdrawn', 'merged'].includes(p.status) &&
        // An addressee answers a proposal; it does not endorse it.
        !p.addressees.some((a) => a.organisationId === ctx.user?.organisationId) &&
        !p.endorsements.some((e) => p.authors.some((a) => a.slug === e.slug)) && (
          <ButtonForm ctx={ctx} action={`${base}/endorse`} secondary>
            {i18n.t('proposal.endorse')}
          </ButtonForm>
        )}
    </div>
  );
}
