import { ListSection } from '../../../core/html/list-section.tsx';
import { T } from '../../../core/html/text.tsx';
import { type SectionProps, scope } from './data.ts';

/** The international recommendations it would implement, and the proposals merged into it. */
export function Related(props: SectionProps) {
  const { data } = props;
  const { i18n, lang, p } = scope(props);
  return (
    <>
      <ListSection id="implements" heading={i18n.t('proposal.implementsRecommendations')} items={data.recommendations}>
        {(r) => (
          <>
            <a href={`/${lang}/recommendations/${r.id}`}>
              {[r.mechanismCode, r.symbol, r.paragraph ? `¶ ${r.paragraph}` : null].filter(Boolean).join(' · ')}
            </a>
            : <T value={r.text} i18n={i18n} />
          </>
        )}
      </ListSection>

      <ListSection id="merged-here" heading={i18n.t('proposal.duplicates')} items={p.duplicates}>
        {(d) => (
          <a href={`/${lang}/proposals/${d.id}`}>
            {i18n.t('proposal.number', { id: d.id })}: <T value={d.title} i18n={i18n} />
          </a>
        )}
      </ListSection>
    </>
  );
}
