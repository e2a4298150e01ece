import { Form } from '../../../core/html/form.tsx';
import { type SectionProps, scope } from './data.ts';

/** The one-click actions: follow, submit, register, endorse. */
export function ActionButtons(props: SectionProps) {
  const { ctx, data } = props;
  const { i18n, p, base, staff } = scope(props);
  return (
    <div class="button-row">
      {ctx.can('follow') && (
        <Form ctx={ctx} action={`${base}/follow`} className="inline-form">
          <input type="hidden" name="follow" value={data.following ? '0' : '1'} />
          <button type="submit" class="button secondary">
            {i18n.t(data.following ? 'proposal.unfollow' : 'proposal.follow')}
          </button>
        </Form>
      )}
      {data.isAuthor && p.status === 'draft' && (
        <Form ctx={ctx} action={`${base}/submit`} className="inline-form">
          <button type="submit" class="button">
            {i18n.t('proposal.submit')}
          </button>
        </Form>
      )}
      {staff && p.status === 'submitted' && (
        <Form ctx={ctx} action={`${base}/register`} className="inline-form">
          <button type="submit" class="button">
            {i18n.t('proposal.register')}
          </button>
        </Form>
      )}
      {!data.isAuthor &&
        ctx.user?.organisationId &&
        ctx.can('act-for-organisation', { organisationId: ctx.user.organisationId }) &&
        !['draft', 'withdrawn', 'merged'].includes(p.status) &&
        // An addressee answers a proposal; it does not endorse it.
        !p.addressees.some((a) => a.organisationId === ctx.user?.organisationId) &&
        !p.endorsements.some((e) => p.authors.some((a) => a.slug === e.slug)) && (
          <Form ctx={ctx} action={`${base}/endorse`} className="inline-form">
            <button type="submit" class="button secondary">
              {i18n.t('proposal.endorse')}
            </button>
          </Form>
        )}
    </div>
  );
}
