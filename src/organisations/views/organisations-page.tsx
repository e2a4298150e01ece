import type { PageContext } from '../../core/html/context.ts';
import { TitledPage } from '../../core/html/layout.tsx';
import { ButtonLink, TLink } from '../../core/html/links.tsx';
import { T } from '../../core/html/text.tsx';
import type { OrganisationSummary } from '../queries.ts';
import { groupByCategory, sortByName } from '../sort.ts';

/** The directory: organisations grouped by category, sorted by name in the reader's language. */
export function OrganisationsPage({ ctx, organisations }: { ctx: PageContext; organisations: OrganisationSummary[] }) {
  const { i18n } = ctx;
  const groups = groupByCategory(sortByName(organisations, i18n));
  return (
    <TitledPage ctx={ctx} title={i18n.t('organisations.title')} section="organisations">
      <p class="lead">{i18n.t('organisations.intro')}</p>
      {ctx.can('manage-organisations') && (
        <p>
          <ButtonLink href={`/${i18n.lang}/organisations/new`}>{i18n.t('organisations.new')}</ButtonLink>
        </p>
      )}
      {groups.length === 0 && <p>{i18n.t('organisations.empty')}</p>}
      {groups.map((g) => (
        <section aria-labelledby={`cat-${g.category}`} class="directory-group">
          <h2 id={`cat-${g.category}`}>
            {i18n.t(`category.${g.category}`)} <span class="count">({i18n.number(g.items.length)})</span>
          </h2>
          <ul class="directory">
            {g.items.map((o) => (
              <li>
                <TLink href={`/${i18n.lang}/organisations/${o.slug}`} value={o.name} i18n={i18n} />
                {i18n.pick(o.shortName) && (
                  <span class="muted">
                    {' '}
                    (<T value={o.shortName} i18n={i18n} />)
                  </span>
                )}
              </li>
            ))}
          </ul>
        </section>
      ))}
    </TitledPage>
  );
}
