import type {} from 'fastify';
import type { CurrentUser } from '../auth/user.ts';

/*
 * Reads kept between changes, for signed-in pages as much as visitors' (decision 0022, issue 15).
 *
 * What a signed-in page shows that does not depend on who reads it (the body, its members' counts,
 * the public figures, the filters' lists), or that depends only on one person (the header's "My
 * work" count, keyed by that person), is read once and kept while the page cache's version stays:
 * the version moves whenever any process changes a table a visitor's page may show (the same
 * notification that forgets kept pages), and whenever this process handles a request that may
 * write. Without a version (no page cache, or its listening connection lost) nothing is kept and
 * every read goes to the database, as before. A read whose loading overlapped a change is not kept,
 * readers asking at once share one load, and nothing is kept longer than MAX_AGE_MS (what depends on
 * the time of day: deadlines, upcoming meetings).
 *
 * Only what is decided without the reader, or keyed by the reader, may be kept here: a key names
 * everything its value depends on. Tables a visitor's page never shows (sessions, notifications…)
 * do not notify, so nothing read from them may be kept here.
 */

declare module 'fastify' {
  interface FastifyInstance {
    /** Reads kept while nothing visitors see has changed (this module); app.ts makes it. */
    shared: SharedReads;
  }
}

const MAX_AGE_MS = 30_000;
/** At most this many values (per-person ones included); the oldest go first. */
const MAX_ENTRIES = 5_000;

interface Kept {
  value: Promise<unknown>;
  expires: number;
}

export interface SharedReads {
  /** The value of `key`, loaded with `load` once per version of the content (or every time without one). */
  read<T>(key: string, load: () => Promise<T>): Promise<T>;
  /**
   * A value that moves whenever `table` may have changed, by any process; undefined while changes may
   * go unseen (then nothing read from it may be kept). For what a domain keeps itself, longer than a
   * read (e.g. the explorer's facet index, decision 0030).
   */
  tableVersion(table: string): string | undefined;
  /** The version the values are kept under (undefined: nothing is kept), for a domain's own bounded reads. */
  version(): number | string | undefined;
  stats(): { hits: number; loads: number; entries: number };
}

/**
 * `version` is the page cache's: a number that moves on every change, undefined when changes may go
 * unseen (or any such value: e.g. one table's version, for what is read from it alone); `tableVersion`
 * its version of one table. At most `maxEntries` values are kept (by default MAX_ENTRIES).
 */
/**
 * A reader as a part of a key: everything about them a per-person read may depend on (who they are,
 * their role, organisation and moderation), or "visitor".
 */
export function readerKey(user: CurrentUser | null): string {
  return user ? `${user.id}:${user.role}:${user.organisationId}:${user.moderator}` : 'visitor';
}

export function sharedReads(
  version: () => number | string | undefined,
  tableVersion: (table: string) => string | undefined = () => undefined,
  opts: { maxEntries?: number } = {},
): SharedReads {
  const maxEntries = opts.maxEntries ?? MAX_ENTRIES;
  const kept = new Map<string, Kept>();
  let keptVersion: number | string | undefined;
  const stats = { hits: 0, loads: 0 };

  return {
    read<T>(key: string, load: () => Promise<T>): Promise<T> {
      const v = version();
      stats.loads++;
      if (v === undefined) return load();
      if (v !== keptVersion) {
        kept.clear();
        keptVersion = v;
      }
      const now = Date.now();
      const found = kept.get(key);
      if (found && found.expires > now) {
        stats.loads--;
        stats.hits++;
        return found.value as Promise<T>;
      }
      const value = load();
      const entry: Kept = { value, expires: now + MAX_AGE_MS };
      kept.delete(key);
      kept.set(key, entry);
      if (kept.size > maxEntries) {
        const oldest = kept.keys().next().value;
        if (oldest !== undefined) kept.delete(oldest);
      }
      const drop = () => {
        if (kept.get(key) === entry) kept.delete(key);
      };
      // A change came while it loaded (what it read may be gone already), or the load failed: not kept.
      value.then(() => {
        if (version() !== v) drop();
      }, drop);
      return value;
    },
    tableVersion,
    version,
    stats: () => ({ ...stats, entries: kept.size }),
  };
}
