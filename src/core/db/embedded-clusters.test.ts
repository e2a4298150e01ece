import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { CLUSTER_MARKER, markCluster, sharedClusters, sweepClusters } from './embedded-clusters.ts';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kenes-clusters-'));
after(() => fs.rmSync(root, { recursive: true, force: true }));

/** A cluster folder under root/clusters, marked as belonging to `dataDir` (with its secrets) unless `marked` is false. */
function cluster(name: string, dataDir: string | undefined, password = 'pw-of-that-installation'): string {
  const dir = path.join(root, 'clusters', name);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'PG_VERSION'), '18\n');
  if (dataDir) markCluster(dir, dataDir, password);
  return dir;
}

function dataDirWith(name: string, password: string): string {
  const dir = path.join(root, name);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(
    path.join(dir, 'secrets.json'),
    JSON.stringify({ sessionSecret: 'x'.repeat(32), postgresPassword: password }),
  );
  return dir;
}

test('the sweep removes clusters whose DATA_DIR is gone or is another installation, and nothing else', () => {
  const gone = dataDirWith('gone', 'pw-gone');
  const goneCluster = cluster('a-gone', gone, 'pw-gone');
  fs.rmSync(gone, { recursive: true });

  const live = dataDirWith('live', 'pw-live');
  const liveCluster = cluster('b-live', live, 'pw-live');

  // DATA_DIR deleted and made again at the same path: new secrets, the old cluster cannot be opened.
  const remade = dataDirWith('remade', 'pw-new');
  const remadeCluster = cluster('c-remade', remade, 'pw-old');

  // A DATA_DIR whose secrets.json is missing keeps its cluster: its data may still be wanted by hand.
  const bare = path.join(root, 'bare');
  fs.mkdirSync(bare);
  const bareCluster = cluster('d-bare', bare);

  // Made before markers existed: nobody can tell whose it is.
  const unclaimed = cluster('e-unclaimed', undefined);

  // Its DATA_DIR is gone but its postmaster runs: never touched.
  const runningData = dataDirWith('running', 'pw-running');
  const running = cluster('f-running', runningData, 'pw-running');
  fs.rmSync(runningData, { recursive: true });
  fs.writeFileSync(path.join(running, 'postmaster.pid'), `${process.pid}\n${running}\n`);

  // A postmaster.pid left by a crash (its process gone) does not keep an orphan.
  const crashedData = dataDirWith('crashed', 'pw-crashed');
  const crashed = cluster('g-crashed', crashedData, 'pw-crashed');
  fs.rmSync(crashedData, { recursive: true });
  const deadPid = spawnSync(process.execPath, ['-e', '0']).pid;
  fs.writeFileSync(path.join(crashed, 'postmaster.pid'), `${deadPid}\n${crashed}\n`);

  assert.deepEqual(
    sharedClusters(root).map((c) => [path.basename(c.dir), c.state]),
    [
      ['a-gone', 'orphaned'],
      ['b-live', 'kept'],
      ['c-remade', 'orphaned'],
      ['d-bare', 'kept'],
      ['e-unclaimed', 'unclaimed'],
      ['f-running', 'running'],
      ['g-crashed', 'orphaned'],
    ],
  );
  const logged: string[] = [];
  const removed = sweepClusters(root, (_level, msg) => logged.push(msg));
  assert.deepEqual(removed.map((c) => c.dir).sort(), [goneCluster, remadeCluster, crashed]);
  assert.equal(logged.length, 3);
  assert.match(logged[0] ?? '', /Removed the PostgreSQL cluster .*a-gone: its DATA_DIR .*gone is gone/);
  for (const kept of [liveCluster, bareCluster, unclaimed, running]) assert.ok(fs.existsSync(kept), kept);
  for (const dir of removed) assert.equal(fs.existsSync(dir.dir), false);
  // The marker names the DATA_DIR and a fingerprint, never the password itself.
  const marker = fs.readFileSync(path.join(liveCluster, CLUSTER_MARKER), 'utf8');
  assert.match(marker, new RegExp(live.replaceAll('/', '\\/')));
  assert.doesNotMatch(marker, /pw-live/);
});

test('no clusters folder: nothing to sweep', () => {
  assert.deepEqual(
    sweepClusters(path.join(root, 'nothing-here'), () => {}),
    [],
  );
});
