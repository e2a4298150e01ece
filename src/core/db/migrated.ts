import type { Logger } from 'pino';
import type { Config } from '../config.ts';
import { type DatabaseHandle, type OpenOptions, openDatabase } from './database.ts';
import { migrate } from './migrate.ts';
import { currentRole, grantRuntimeRole, runtimeRoleWarnings } from './roles.ts';

/**
 * Opens the database (starting the embedded one when DATABASE_URL is unset, see OpenOptions) and
 * migrates it. Apart from the application, so that a `kenes` command that only needs its database
 * does not load every domain.
 */
export async function openMigratedDatabase(
  config: Config,
  logger: Logger,
  options: OpenOptions = {},
): Promise<DatabaseHandle & { applied: string[] }> {
  const handle = await openDatabase(config, (level, msg) => logger[level](msg), options);
  try {
    const result = await migrate(handle.ownerUrl);
    if (result.applied.length)
      logger.info({ applied: result.applied }, `applied ${result.applied.length} migration(s)`);
    // The run-time role gets its grants from the owner after every migration (decision 0013).
    if (handle.ownerUrl !== handle.url) await grantRuntimeRole(handle.ownerUrl, await currentRole(handle.db));
    for (const warning of await runtimeRoleWarnings(handle.db)) logger.warn(warning);
    return Object.assign(handle, { applied: result.applied });
  } catch (err) {
    await handle.close();
    throw err;
  }
}
