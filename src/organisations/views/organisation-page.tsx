import type { PageContext } from '../../core/html/context.ts';
import { Layout } from '../../core/html/layout.tsx';
import { plain, T } from '../../core/html/text.tsx';
import type { Presentation } from '../../meetings/index.ts';
import type { MembershipRow, OrganisationDetail, OrganisationSummary } from '../queries.ts';
import { sortByName } from '../sort.ts';

interface Props {
  ctx: PageContext;
  organisation: OrganisationDetail;
  children: OrganisationSummary[];
  memberships: MembershipRow[];
  presentations: Presentation[];
}

/** An organisation's public page; later issues add its proposals, reports, attendance and tasks. */
export function OrganisationPage({ ctx, organisation: o, children, memberships, presentations }: Props) {
  const { i18n } = ctx;
  const href = (slug: string) => `/${i18n.lang}/organisations/${slug}`;
  return (
    <Layout ctx={ctx} title={plain(o.name, i18n)} section="organisations">
      <nav aria-label={i18n.t('organisations.title')} class="breadcrumbs">
        <a href={`/${i18n.lang}/organisations`}>{i18n.t('organisations.title')}</a>
      </nav>
      <h1>
        <T value={o.name} i18n={i18n} />
      </h1>
      <dl class="facts">
        <dt>{i18n.t('organisations.category')}</dt>
        <dd>{i18n.t(`category.${o.category}`)}</dd>
        {o.parent && (
          <>
            <dt>{i18n.t('organisations.parent')}</dt>
            <dd>
              <a href={href(o.parent.slug)}>
                <T value={o.parent.name} i18n={i18n} />
              </a>
            </dd>
          </>
        )}
        {o.website && (
          <>
            <dt>{i18n.t('organisations.website')}</dt>
            <dd>
              <a href={o.website} rel="external noopener">
                {o.website}
              </a>
            </dd>
          </>
        )}
      </dl>

      {children.length > 0 && (
        <section aria-labelledby="children">
          <h2 id="children">{i18n.t('organisations.children')}</h2>
          <ul>
            {sortByName(children, i18n).map((c) => (
              <li>
                <a href={href(c.slug)}>
                  <T value={c.name} i18n={i18n} />
                </a>
              </li>
            ))}
          </ul>
        </section>
      )}

      <section aria-labelledby="membership">
        <h2 id="membership">{i18n.t('organisations.membership')}</h2>
        {memberships.length === 0 ? (
          <p>{i18n.t('organisations.noMembership')}</p>
        ) : (
          <ul>
            {memberships.map((m) => {
              const status = i18n.t(`membership.status.${m.status}`);
              return (
                <li>
                  <T value={m.bodyName} i18n={i18n} />:{' '}
                  {m.until
                    ? i18n.t('organisations.membershipPeriod', {
                        status,
                        from: i18n.date(m.since),
                        to: i18n.date(m.until),
                      })
                    : i18n.t('organisations.membershipSince', { status, date: i18n.date(m.since) })}
                </li>
              );
            })}
          </ul>
        )}
      </section>

      <section aria-labelledby="presentations">
        <h2 id="presentations">{i18n.t('organisations.presentations')}</h2>
        {presentations.length === 0 ? (
          <p>{i18n.t('organisations.noPresentations')}</p>
        ) : (
          <ul>
            {presentations.map((p) => (
              <li>
                {i18n.t('meeting.number', { number: p.meetingNumber })}, {i18n.date(p.meetingStartsAt)}:{' '}
                <span class="badge">{i18n.t(`presenter.role.${p.role}`)}</span> <T value={p.itemTitle} i18n={i18n} />
              </li>
            ))}
          </ul>
        )}
      </section>
    </Layout>
  );
}
