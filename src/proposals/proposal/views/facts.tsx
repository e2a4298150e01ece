import { plain, T } from '../../../core/html/text.tsx';
import { type SectionProps, scope } from './data.ts';

/** Who wrote it, who was invited, who endorsed it, its themes, meeting and legal acts. */
export function ProposalFacts(props: SectionProps) {
  const { data } = props;
  const { i18n, lang, p } = scope(props);
  return (
    <dl class="facts">
      <dt>{i18n.t('proposal.authors')}</dt>
      <dd>
        {p.authors.map((a, i) => (
          <>
            {i > 0 && ', '}
            <a href={`/${lang}/organisations/${a.slug}`}>
              <T value={a.name} i18n={i18n} />
            </a>
          </>
        ))}
      </dd>
      {(data.isAuthor || data.isInvited) && p.invited.length > 0 && (
        <>
          <dt>{i18n.t('proposal.invitedCoAuthors')}</dt>
          <dd class="invited-coauthors">{i18n.list(p.invited.map((o) => plain(o.name, i18n)))}</dd>
        </>
      )}
      {p.endorsements.length > 0 && (
        <>
          <dt>{i18n.t('proposal.endorsedBy')}</dt>
          <dd>{i18n.list(p.endorsements.map((e) => plain(e.name, i18n)))}</dd>
        </>
      )}
      {p.themes.length > 0 && (
        <>
          <dt>{i18n.t('proposal.themes')}</dt>
          <dd>{i18n.list(p.themes.map((t) => plain(t.name, i18n)))}</dd>
        </>
      )}
      {p.meetingId && (
        <>
          <dt>{i18n.t('proposal.presentedAt')}</dt>
          <dd>
            <a href={`/${lang}/meetings/${p.meetingId}`}>
              {i18n.t('meeting.number', { number: p.meetingNumber ?? 0 })}
            </a>
          </dd>
        </>
      )}
      {p.legalActs.map((a) => (
        <>
          <dt>{i18n.t('proposal.legalAct')}</dt>
          <dd>
            {a.url ? (
              <a href={a.url} rel="external noopener">
                <T value={a.name} i18n={i18n} />
              </a>
            ) : (
              <T value={a.name} i18n={i18n} />
            )}
            {a.number && ` № ${a.number}`}
            {a.article && `, ${a.article}`}
          </dd>
        </>
      ))}
    </dl>
  );
}
