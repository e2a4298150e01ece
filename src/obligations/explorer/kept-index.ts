import type { Db } from '../../core/db/database.ts';
import { sharedReads } from '../../core/http/shared-reads.ts';
import { buildFacetIndex, type FacetIndex } from './facet-index.ts';

/*
 * The facet index this process keeps (decision 0030), and when it may be trusted: only while the
 * recommendations table's version (the page cache's notifications, any process's write) is the one it
 * was built at. Otherwise the explorer counts in PostgreSQL, as it always can, while a new index is
 * built in the background: never more than one build at once, and a new one starts no sooner than a
 * few times the last build's duration after the last one began, so that a stream of writes (an import)
 * costs a bounded share of the process. Without a version (no page cache, or its listening connection
 * lost) nothing is trusted and nothing is built. With the index go the matches of recent searches
 * (core's shared reads, keyed by the search's statement), kept while the search's documents are
 * unchanged, 30 s at most.
 */

export interface KeptFacetIndex {
  /** The index, if it is current; else undefined (and a build is started when one may be). */
  current(): FacetIndex | undefined;
  /** Resolves once a build under way (if any) has ended: for tests. */
  settled(): Promise<void>;
}

const MIN_INTERVAL_MS = 2_000;
/** Searches' matches kept per index (each a byte per recommendation: 270 KB at 270,000). */
const KEPT_SEARCHES = 32;
/** A new build waits this many times the last build's duration since the last one began. */
const SPACING = 4;

export function keptFacetIndex(
  db: Db,
  version: (table: string) => string | undefined,
  log: (msg: string, err?: unknown) => void = () => {},
  opts: { minIntervalMs?: number; run?: (work: () => Promise<void>) => void } = {},
): KeptFacetIndex {
  // Started once the request that found the index stale has its answer (the app's after-response work).
  const run = opts.run ?? ((work) => void work());
  const minInterval = opts.minIntervalMs ?? MIN_INTERVAL_MS;
  let built: { index: FacetIndex; version: string } | undefined;
  let building: Promise<void> | undefined;
  let lastStart = Number.NEGATIVE_INFINITY;
  let lastDuration = 0;

  const build = (v: string) => {
    const started = performance.now();
    lastStart = started;
    let done = () => {};
    building = new Promise<void>((resolve) => {
      done = resolve;
    });
    run(() =>
      buildFacetIndex(db)
        .then((index) => {
          // Searches' matches, kept while the search's documents are unchanged (by any process).
          const searches = sharedReads(() => version('search_documents'), undefined, { maxEntries: KEPT_SEARCHES });
          built = { index: { ...index, matchesOf: (key, load) => searches.read(key, load) }, version: v };
        })
        .catch((err) => log('explorer: the facet index could not be built; counting in PostgreSQL', err))
        .finally(() => {
          lastDuration = performance.now() - started;
          building = undefined;
          done();
        }),
    );
  };

  return {
    current() {
      const v = version('recommendations');
      if (v === undefined) return undefined;
      if (built?.version === v) return built.index;
      if (!building && performance.now() - lastStart >= Math.max(minInterval, SPACING * lastDuration)) build(v);
      return undefined;
    },
    settled: async () => {
      await building;
    },
  };
}
