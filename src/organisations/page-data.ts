import type { CurrentUser } from '../core/auth/user.ts';
import type { Db } from '../core/db/database.ts';
import type { SharedReads } from '../core/http/shared-reads.ts';
import { meetingAudience, openTasks, presentationsBy } from '../meetings/index.ts';
import { proposalsOfOrganisation } from '../proposals/index.ts';
import { currentPeople, findOrganisation, listChildren, listMemberships } from './queries.ts';

/** The form of an organisation's slug: anything else is not looked up. */
export const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

async function organisationPageData(db: Db, reader: CurrentUser | null, slug: string, withPeople: boolean) {
  const organisation = await findOrganisation(db, slug);
  if (!organisation) return undefined;
  const [children, memberships, presentations, people, tasks, proposals] = await Promise.all([
    listChildren(db, organisation.id),
    listMemberships(db, organisation.id),
    presentationsBy(db, reader, organisation.id),
    withPeople ? currentPeople(db, organisation.id) : Promise.resolve(undefined),
    openTasks(db, reader, { organisationId: organisation.id }),
    proposalsOfOrganisation(db, organisation.id),
  ]);
  return { organisation, children, memberships, presentations, people, tasks, proposals };
}

/**
 * One organisation's page: seven queries whatever it holds (six without its people), once while
 * nothing changes (app.shared). The presentations and tasks are those the reader's meeting audience
 * may see (meetings decide), the people only for those who may read members-only things (the
 * policy): the key names both, so that nobody is given what another audience sees.
 */
export function organisationPageOf(
  shared: SharedReads,
  db: Db,
  reader: CurrentUser | null,
  slug: string,
  withPeople: boolean,
) {
  if (!SLUG.test(slug)) return Promise.resolve(undefined);
  const key = `organisations:page:${slug}:meetings:${meetingAudience(reader)}:${withPeople ? 'people' : 'public'}`;
  return shared.read(key, () => organisationPageData(db, reader, slug, withPeople));
}
