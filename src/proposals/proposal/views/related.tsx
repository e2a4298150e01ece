import { T } from '../../../core/html/text.tsx';
import { type SectionProps, scope } from './data.ts';

/** The international recommendations it would implement, and the proposals merged into it. */
export function Related(props: SectionProps) {
  const { data } = props;
  const { i18n, lang, p } = scope(props);
  return (
    <>
      {data.recommendations.length > 0 && (
        <section aria-labelledby="implements">
          <h2 id="implements">{i18n.t('proposal.implementsRecommendations')}</h2>
          <ul>
            {data.recommendations.map((r) => (
              <li>
                <a href={`/${lang}/recommendations/${r.id}`}>
                  {[r.mechanismCode, r.symbol, r.paragraph ? `¶ ${r.paragraph}` : null].filter(Boolean).join(' · ')}
                </a>
                : <T value={r.text} i18n={i18n} />
              </li>
            ))}
          </ul>
        </section>
      )}

      {p.duplicates.length > 0 && (
        <section aria-labelledby="merged-here">
          <h2 id="merged-here">{i18n.t('proposal.duplicates')}</h2>
          <ul>
            {p.duplicates.map((d) => (
              <li>
                <a href={`/${lang}/proposals/${d.id}`}>
                  {i18n.t('proposal.number', { id: d.id })}: <T value={d.title} i18n={i18n} />
                </a>
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
