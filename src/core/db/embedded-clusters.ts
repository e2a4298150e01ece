import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { isAlive } from './embedded-running.ts';

/*
 * Clusters Kenes keeps outside their DATA_DIR (as root, when the postgres user cannot enter it:
 * SHARED_ROOT/clusters/<hash>) each name their DATA_DIR in a marker file, so that a cluster whose
 * DATA_DIR was deleted is found again and removed (decision 0019) instead of staying for ever.
 */

/** In the cluster's folder; PostgreSQL ignores files it does not know there. */
export const CLUSTER_MARKER = 'kenes-data-dir.json';

const Marker = z.object({
  dataDir: z.string().min(1),
  /** A fingerprint of the superuser's password in DATA_DIR/secrets.json: which installation the cluster is. */
  secret: z.string().min(1),
  at: z.string(),
});

/** A fingerprint of the superuser password, which cannot be turned back into it. */
export function secretFingerprint(password: string): string {
  return createHash('sha256').update(`kenes cluster\0${password}`).digest('hex').slice(0, 32);
}

/** Records in the cluster which DATA_DIR (and installation) it belongs to; rewritten at every start. */
export function markCluster(clusterDir: string, dataDir: string, password: string): void {
  const marker = {
    dataDir: fs.realpathSync(dataDir),
    secret: secretFingerprint(password),
    at: new Date().toISOString(),
  };
  fs.writeFileSync(path.join(clusterDir, CLUSTER_MARKER), `${JSON.stringify(marker, null, 2)}\n`, { mode: 0o600 });
}

export type ClusterState =
  /** Its DATA_DIR is there and is the installation that created it. */
  | 'kept'
  /** Its postmaster runs: never touched. */
  | 'running'
  /** Its DATA_DIR is gone, or now holds another installation (other secrets): nobody can open it again. */
  | 'orphaned'
  /** No marker (made before markers, or initialising now): only a person can tell whose it is. */
  | 'unclaimed';

export interface SharedCluster {
  dir: string;
  dataDir: string | undefined;
  state: ClusterState;
}

function postmasterRuns(dir: string): boolean {
  try {
    const pid = Number(fs.readFileSync(path.join(dir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    // A live pid is taken as the postmaster even if it was reused: when in doubt, a cluster is kept.
    return pid > 0 && isAlive(pid);
  } catch {
    return false;
  }
}

function passwordFingerprintOf(dataDir: string): string | undefined {
  try {
    const secrets = JSON.parse(fs.readFileSync(path.join(dataDir, 'secrets.json'), 'utf8'));
    return typeof secrets.postgresPassword === 'string' ? secretFingerprint(secrets.postgresPassword) : undefined;
  } catch {
    return undefined;
  }
}

/** What a cluster folder is, from its marker, its postmaster and its DATA_DIR. */
export function clusterState(dir: string): SharedCluster {
  let marker: z.infer<typeof Marker> | undefined;
  try {
    const parsed = Marker.safeParse(JSON.parse(fs.readFileSync(path.join(dir, CLUSTER_MARKER), 'utf8')));
    marker = parsed.success ? parsed.data : undefined;
  } catch {
    marker = undefined;
  }
  const dataDir = marker?.dataDir;
  if (postmasterRuns(dir)) return { dir, dataDir, state: 'running' };
  if (!marker) return { dir, dataDir, state: 'unclaimed' };
  if (!fs.existsSync(marker.dataDir)) return { dir, dataDir, state: 'orphaned' };
  const now = passwordFingerprintOf(marker.dataDir);
  // A DATA_DIR without secrets.json keeps its cluster: its data may still be wanted (by hand).
  return { dir, dataDir, state: now !== undefined && now !== marker.secret ? 'orphaned' : 'kept' };
}

/** The clusters under `root`/clusters, each with its state. */
export function sharedClusters(root: string): SharedCluster[] {
  const base = path.join(root, 'clusters');
  let names: string[];
  try {
    names = fs.readdirSync(base);
  } catch {
    return [];
  }
  return names
    .sort()
    .map((name) => path.join(base, name))
    .filter((dir) => fs.statSync(dir, { throwIfNoEntry: false })?.isDirectory())
    .map(clusterState);
}

/**
 * Removes the orphaned clusters under `root`/clusters (every start of an embedded PostgreSQL as root
 * does); running and unclaimed ones are left alone. Returns what was removed.
 */
export function sweepClusters(root: string, log: (level: 'info' | 'warn', msg: string) => void): SharedCluster[] {
  const removed: SharedCluster[] = [];
  for (const c of sharedClusters(root)) {
    if (c.state !== 'orphaned') continue;
    try {
      fs.rmSync(c.dir, { recursive: true, force: true });
      removed.push(c);
      log(
        'info',
        `Removed the PostgreSQL cluster ${c.dir}: its DATA_DIR ${c.dataDir} is gone or holds another installation`,
      );
    } catch (err) {
      log('warn', `Could not remove the orphaned PostgreSQL cluster ${c.dir}: ${(err as Error).message}`);
    }
  }
  return removed;
}
