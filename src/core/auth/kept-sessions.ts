import type { Db } from '../db/database.ts';
import { type SessionFound, userOfSession } from './sessions.ts';

/*
 * Sessions read once and kept for a short while by this process (issue 15), so that a signed-in
 * request does not read its session from the database every time: on a record page that was one of
 * its three statements.
 *
 * A kept session is used only while `version` is what it was when the session was read. The version
 * is made of the page cache's versions of the sessions and users tables (app.ts): it moves when any
 * process deletes sessions (signing out, a user's sessions all ended, the sweep of expired ones —
 * migration 202612090100) or changes users (a role, an organisation, an account disabled), when this
 * process handles a request that may write (before and after it), and whenever the listening
 * connection is lost. Without a version (no page cache, or not listening) every request reads its
 * session, as before. A session read while the version moved is not kept.
 *
 * Nothing is kept past the session's own end, nor longer than MAX_AGE_MS: the read that follows also
 * pushes an idle session's end forward (at most every five minutes, as before). Unknown tokens are
 * never kept, and at most MAX_ENTRIES sessions are (the oldest go first).
 */

const MAX_AGE_MS = 60_000;
const MAX_ENTRIES = 10_000;

interface Kept {
  found: Promise<SessionFound | undefined>;
  version: string;
  /** Until when it may be used (ms): until it is known, MAX_AGE_MS from its read. */
  until: number;
}

export interface KeptSessions {
  /** The session of a token, as userOfSession finds it, from memory when kept and still current. */
  find(token: string): Promise<SessionFound | undefined>;
  stats(): { hits: number; reads: number; entries: number };
}

export function keptSessions(db: Db, version: () => string | undefined): KeptSessions {
  const kept = new Map<string, Kept>();
  const stats = { hits: 0, reads: 0 };
  return {
    find(token) {
      const v = version();
      if (v === undefined) {
        stats.reads++;
        return userOfSession(db, token);
      }
      const now = Date.now();
      const k = kept.get(token);
      if (k && k.version === v && now < k.until) {
        stats.hits++;
        return k.found;
      }
      if (k) kept.delete(token);
      stats.reads++;
      const found = userOfSession(db, token);
      const entry: Kept = { found, version: v, until: now + MAX_AGE_MS };
      kept.set(token, entry);
      if (kept.size > MAX_ENTRIES) kept.delete(kept.keys().next().value as string);
      const drop = () => {
        if (kept.get(token) === entry) kept.delete(token);
      };
      found.then((f) => {
        if (!f || version() !== v) return drop();
        // Requests share it: nobody may change it under the others.
        Object.freeze(f.user);
        entry.until = Math.min(entry.until, f.expiresAt.getTime());
      }, drop);
      return found;
    },
    stats: () => ({ ...stats, entries: kept.size }),
  };
}
