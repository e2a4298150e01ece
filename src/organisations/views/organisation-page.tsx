import type { PageContext } from '../../core/html/context.ts';
import { Fact } from '../../core/html/facts.tsx';
import { Layout } from '../../core/html/layout.tsx';
import { ButtonLink, ExternalLink, TLink } from '../../core/html/links.tsx';
import { ListSection } from '../../core/html/list-section.tsx';
import { plain, T } from '../../core/html/text.tsx';
import { type Presentation, type TaskRow, TaskTable } from '../../meetings/index.ts';
import { type ProposalLink, ProposalLinks } from '../../proposals/index.ts';
import type { MembershipRow, OrganisationDetail, OrganisationSummary, PersonAtOrganisation } from '../queries.ts';
import { sortByName } from '../sort.ts';
import { PositionTitle } from './position-title.tsx';
import { MembershipForm, PersonForm, type StaffFormState } from './staff-forms.tsx';

interface Props {
  ctx: PageContext;
  organisation: OrganisationDetail;
  children: OrganisationSummary[];
  memberships: MembershipRow[];
  presentations: Presentation[];
  /** Shown to members only (undefined when the reader may not see them). */
  people: PersonAtOrganisation[] | undefined;
  /** Open tasks the organisation is responsible for. */
  tasks: TaskRow[];
  /** Proposals it wrote or must answer. */
  proposals: ProposalLink[];
  /** Re-rendered forms of the staff, with what they typed and what was wrong. */
  forms?: { membership?: StaffFormState; person?: StaffFormState };
}

/** An organisation's public page; later issues add its proposals, reports, attendance and tasks. */
export function OrganisationPage({
  ctx,
  organisation: o,
  children,
  memberships,
  presentations,
  people,
  tasks,
  proposals,
  forms,
}: Props) {
  const { i18n } = ctx;
  const lang = i18n.lang;
  const current = memberships.find((m) => m.until === null);
  const href = (slug: string) => `/${i18n.lang}/organisations/${slug}`;
  return (
    <Layout ctx={ctx} title={plain(o.name, i18n)} section="organisations">
      <nav aria-label={i18n.t('organisations.title')} class="breadcrumbs">
        <a href={`/${i18n.lang}/organisations`}>{i18n.t('organisations.title')}</a>
      </nav>
      <h1>
        <T value={o.name} i18n={i18n} />
      </h1>
      {ctx.can('manage-organisations') && (
        <p>
          <ButtonLink href={`/${lang}/organisations/${o.slug}/edit`}>{i18n.t('organisations.edit')}</ButtonLink>
        </p>
      )}
      <dl class="facts">
        <Fact term={i18n.t('organisations.category')}>{i18n.t(`category.${o.category}`)}</Fact>
        {o.parent && (
          <Fact term={i18n.t('organisations.parent')}>
            <TLink href={href(o.parent.slug)} value={o.parent.name} i18n={i18n} />
          </Fact>
        )}
        {o.website && (
          <Fact term={i18n.t('organisations.website')}>
            <ExternalLink href={o.website} />
          </Fact>
        )}
      </dl>

      <ListSection id="children" heading={i18n.t('organisations.children')} items={sortByName(children, i18n)}>
        {(c) => <TLink href={href(c.slug)} value={c.name} i18n={i18n} />}
      </ListSection>

      <ListSection
        id="membership"
        heading={i18n.t('organisations.membership')}
        items={memberships}
        empty={i18n.t('organisations.noMembership')}
      >
        {(m) => {
          const status = i18n.t(`membership.status.${m.status}`);
          return (
            <>
              <T value={m.bodyName} i18n={i18n} />:{' '}
              {m.until
                ? i18n.t('organisations.membershipPeriod', {
                    status,
                    from: i18n.date(m.since),
                    to: i18n.date(m.until),
                  })
                : i18n.t('organisations.membershipSince', { status, date: i18n.date(m.since) })}
            </>
          );
        }}
      </ListSection>

      {ctx.can('manage-organisations') && (
        <MembershipForm ctx={ctx} slug={o.slug} status={current?.status} form={forms?.membership} />
      )}

      {people && (
        <section aria-labelledby="people">
          <h2 id="people">{i18n.t('people.title')}</h2>
          {people.length === 0 ? (
            <p>{i18n.t('people.none')}</p>
          ) : (
            <ul>
              {people.map((p) => (
                <li>
                  <TLink href={`/${lang}/people/${p.personId}`} value={p.name} i18n={i18n} />
                  <PositionTitle title={p.title} i18n={i18n} />{' '}
                  <span class="muted">
                    ({i18n.t('people.since').toLowerCase()} {i18n.date(p.since)})
                  </span>
                </li>
              ))}
            </ul>
          )}
          {ctx.can('manage-people') && <PersonForm ctx={ctx} slug={o.slug} form={forms?.person} />}
        </section>
      )}

      {proposals.some((p) => p.role === 'addressee') && (
        <section aria-labelledby="to-answer">
          <h2 id="to-answer">{i18n.t('proposal.addressedTo')}</h2>
          <ProposalLinks ctx={ctx} items={proposals.filter((p) => p.role === 'addressee')} />
        </section>
      )}
      {proposals.some((p) => p.role === 'author') && (
        <section aria-labelledby="authored">
          <h2 id="authored">{i18n.t('proposal.authors')}</h2>
          <ProposalLinks ctx={ctx} items={proposals.filter((p) => p.role === 'author')} />
        </section>
      )}
      {tasks.length > 0 && (
        <section aria-labelledby="tasks">
          <h2 id="tasks">{i18n.t('tasks.ofOrganisation')}</h2>
          <TaskTable ctx={ctx} tasks={tasks} showMeeting />
        </section>
      )}

      <ListSection
        id="presentations"
        heading={i18n.t('organisations.presentations')}
        items={presentations}
        empty={i18n.t('organisations.noPresentations')}
      >
        {(p) => (
          <>
            {i18n.t('meeting.number', { number: p.meetingNumber })}, {i18n.date(p.meetingStartsAt)}:{' '}
            <span class="badge">{i18n.t(`presenter.role.${p.role}`)}</span> <T value={p.itemTitle} i18n={i18n} />
          </>
        )}
      </ListSection>
    </Layout>
  );
}
