import { NamesFact } from '../../../core/html/facts.tsx';
import { TLink } from '../../../core/html/links.tsx';
import { T } from '../../../core/html/text.tsx';
import type { I18n } from '../../../core/i18n/i18n.ts';
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
            <TLink href={`/${lang}/organisations/${a.slug}`} value={a.name} i18n={i18n} />
          </>
        ))}
      </dd>
      {(data.isAuthor || data.isInvited) && (
        <NamesFact term={i18n.t('proposal.invitedCoAuthors')} names={p.invited} i18n={i18n} class="invited-coauthors" />
      )}
      <NamesFact term={i18n.t('proposal.endorsedBy')} names={p.endorsements} i18n={i18n} />
      {p.supportCount > 0 && (
        <>
          <dt>{i18n.t('proposal.supporters')}</dt>
          <dd class="support-count">{i18n.t('proposal.supportCount', { count: p.supportCount })}</dd>
        </>
      )}
      <NamesFact term={i18n.t('proposal.themes')} names={p.themes} i18n={i18n} />
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
            {a.article && `, ${articleOf(a.article, i18n)}`}
          </dd>
        </>
      ))}
    </dl>
  );
}

/** "146" → "Article 146" / "статья 146" / "146-бап" in the page's language; anything else as its author wrote it. */
function articleOf(article: string, i18n: I18n): string {
  return /^\d+(?:[.-]\d+)*$/.test(article.trim())
    ? i18n.t('proposal.legalActArticleOf', { article: article.trim() })
    : article;
}
