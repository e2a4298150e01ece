import type { BackupFile } from '../../../core/backup/schedule.ts';
import type { PageContext } from '../../../core/html/context.ts';
import { TitledPage } from '../../../core/html/layout.tsx';
import { Table } from '../../../core/html/table.tsx';
import { AdminNav } from '../../views/admin-nav.tsx';

const HOUR_MS = 60 * 60 * 1000;

export function BackupsPage({
  ctx,
  dir,
  keep,
  backups,
  now,
}: {
  ctx: PageContext;
  /** BACKUP_DIR; undefined when scheduled backups are off. */
  dir: string | undefined;
  keep: number;
  backups: BackupFile[];
  now: Date;
}) {
  const { i18n } = ctx;
  return (
    <TitledPage ctx={ctx} title={i18n.t('admin.backups')} section="admin">
      <AdminNav ctx={ctx} />
      {dir === undefined ? (
        <p>{i18n.t('admin.backupsOff')}</p>
      ) : (
        <p>{i18n.t('admin.backupsIntro', { dir, keep: String(keep) })}</p>
      )}
      {dir !== undefined && backups.length === 0 && <p>{i18n.t('admin.backupsEmpty')}</p>}
      {backups.length > 0 && (
        <Table
          caption={i18n.t('admin.backups')}
          columns={[
            i18n.t('admin.backupFile'),
            i18n.t('admin.backupTaken'),
            i18n.t('admin.backupSize'),
            i18n.t('admin.backupAge'),
          ]}
        >
          {backups.map((b) => {
            const hours = Math.max(0, Math.floor((now.getTime() - b.takenAt.getTime()) / HOUR_MS));
            return (
              <tr>
                <td>
                  <code>{b.name}</code>
                </td>
                <td>{i18n.dateTime(b.takenAt, 'Asia/Almaty')}</td>
                <td>{i18n.t('admin.backupMegabytes', { size: i18n.number(Math.round(b.bytes / 10_485.76) / 100) })}</td>
                <td>
                  {i18n.t('admin.backupAgeValue', {
                    days: String(Math.floor(hours / 24)),
                    hours: String(hours % 24),
                  })}
                </td>
              </tr>
            );
          })}
        </Table>
      )}
    </TitledPage>
  );
}
