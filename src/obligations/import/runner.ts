import type { FastifyBaseLogger } from 'fastify';
import type { Actor } from '../../core/audit.ts';
import type { Db } from '../../core/db/database.ts';
import type { Settings } from './columns.ts';
import { storedFile } from './receive.ts';
import { claimImport, runImport } from './run.ts';

/**
 * The imports this process runs, so that shutting down stops them (rolled back, shown as stopped).
 * An import runs in the process that started it, but everything a page shows is read from
 * PostgreSQL, so any process serves its progress and outcome.
 */
export class ImportRunner {
  private readonly running = new Map<string, { controller: AbortController; done: Promise<unknown> }>();

  constructor(private readonly db: Db) {}

  /**
   * Claims the import with these settings and runs it in the background; false when it is running
   * elsewhere or done.
   */
  async claimAndStart(
    importId: string,
    opts: { settings: Settings; skipBadRows: boolean; userId: string | null },
    actor: Actor,
    log: FastifyBaseLogger,
  ): Promise<boolean> {
    if (!(await claimImport(this.db, importId, opts))) return false;
    this.start(importId, actor, log);
    return true;
  }

  /** Runs a claimed import in the background; a failure is logged (the import's row says it failed). */
  start(importId: string, actor: Actor, log: FastifyBaseLogger): void {
    const controller = new AbortController();
    const done = runImport(this.db, importId, {
      actor,
      open: storedFile(this.db, importId),
      signal: controller.signal,
    })
      .catch((err) => log.error({ err, importId }, 'recommendation import failed'))
      .finally(() => this.running.delete(importId));
    this.running.set(importId, { controller, done });
  }

  /** Stops every import this process runs and waits for them to end. */
  async stopAll(): Promise<void> {
    for (const r of this.running.values()) r.controller.abort();
    await Promise.allSettled([...this.running.values()].map((r) => r.done));
  }
}
