import { ButtonForm } from '../../../core/html/form.tsx';
import { type SectionProps, scope } from '../../proposal/views/data.ts';

/** The invited organisation’s answer to the offer of co-authorship. */
export function CoAuthorshipOffer(props: SectionProps) {
  const { ctx, data } = props;
  const { i18n, p, base } = scope(props);
  return (
    <>
      {data.isInvited && !['withdrawn', 'merged'].includes(p.status) && (
        <section class="card co-authorship" aria-labelledby="co-authorship">
          <h2 id="co-authorship">{i18n.t('proposal.coAuthors')}</h2>
          <p>{i18n.t('proposal.coAuthorshipOffer')}</p>
          <div class="button-row">
            <ButtonForm ctx={ctx} action={`${base}/co-authorship`} hidden={{ answer: 'accept' }}>
              {i18n.t('proposal.acceptCoAuthorship')}
            </ButtonForm>
            <ButtonForm ctx={ctx} action={`${base}/co-authorship`} hidden={{ answer: 'decline' }} secondary>
              {i18n.t('proposal.declineCoAuthorship')}
            </ButtonForm>
          </div>
        </section>
      )}
    </>
  );
}
