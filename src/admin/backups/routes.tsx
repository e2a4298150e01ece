import type { FastifyInstance } from 'fastify';
import { listBackups } from '../../core/backup/schedule.ts';
import type { RouteDeps } from '../../core/extensions.ts';
import { authorize, langRoute } from '../../core/http/pages.ts';
import { BackupsPage } from './views/backups-page.tsx';

/** The scheduled backups in BACKUP_DIR with their size and age, for administrators. */
export function backupRoutes(app: FastifyInstance, deps: RouteDeps) {
  langRoute(app, 'GET', '/admin/backups', async (req, _reply, ctx) => {
    authorize(req, 'read-backups');
    const dir = deps.backupDir;
    return (
      <BackupsPage
        ctx={ctx}
        dir={dir}
        keep={deps.backupKeep ?? 0}
        backups={dir ? listBackups(dir) : []}
        now={new Date()}
      />
    );
  });
}
