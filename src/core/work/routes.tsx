import type { FastifyInstance } from 'fastify';
import type { WorkSource } from '../extensions.ts';
import { langRoute, signedIn } from '../http/pages.ts';
import { readerKey } from '../http/shared-reads.ts';
import { WorkPage } from './page.tsx';
import { workCount, workItems } from './work.ts';

/** "My work" over every domain's WorkSource (issue 13), and the count the header shows. */
export function workRoutes(app: FastifyInstance, sources: readonly WorkSource[]) {
  const db = app.db;
  // Kept per person while nothing changes (shared-reads.ts): the key names all the count depends on,
  // and every table the sources read notifies a change (none is in page-cache.ts's NOT_SHOWN_TO_VISITORS).
  // The list, likewise (its "overdue" moves with the day: kept values are read again within 30 s).
  app.decorate('workCount', (user) =>
    app.shared.read(`work-count:${readerKey(user)}`, () => workCount(db, sources, user)),
  );

  langRoute(app, 'GET', '/work', async (req, _reply, ctx) => {
    const user = signedIn(req.user);
    const items = await app.shared.read(`work-items:${readerKey(user)}`, () => workItems(db, sources, user));
    return <WorkPage ctx={ctx} items={items} />;
  });
}
