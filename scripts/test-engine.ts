/**
 * CI's second pass runs on another PostgreSQL version (decision 0005): what it must prove is that
 * every statement Kenes makes PostgreSQL run works there too. The first pass records, per test file,
 * the statements it ran (scripts/sql-statements.js); the second runs the fewest files that run every
 * one of them again, chosen greedily (most statements not yet covered per second of the file's last
 * duration). A file the record does not know (new since, or the record is missing or from another
 * commit) always runs.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export interface StatementRecord {
  /** The commit the first pass ran on (a record of other code says nothing of this code). */
  commit: string;
  /** test file → the hashes of the statements it ran */
  files: Record<string, string[]>;
  /** hash → the statement's shape (sql-statements.js), to name it */
  shapes: Record<string, string>;
  /** A whole run that passed: only such a record chooses the second pass's files. */
  complete?: boolean;
}

/** The checkout's commit, with a mark when files differ from it; undefined outside git. */
export function currentCommit(root: string): string | undefined {
  try {
    const head = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], {
      cwd: root,
      encoding: 'utf8',
    });
    return dirty.trim() ? `${head}+changes` : head;
  } catch {
    return undefined;
  }
}

/** Merges the per-process files the group entries wrote (sql-statements.js) into one record. */
export function mergeStatements(dir: string, commit: string): StatementRecord {
  const files: Record<string, Set<string>> = {};
  const shapes: Record<string, string> = {};
  for (const name of fs.existsSync(dir) ? fs.readdirSync(dir) : []) {
    const part = JSON.parse(fs.readFileSync(path.join(dir, name), 'utf8')) as Omit<StatementRecord, 'commit'>;
    Object.assign(shapes, part.shapes);
    for (const [file, hashes] of Object.entries(part.files)) {
      if (file === '(group)') continue;
      const set = files[file] ?? new Set();
      files[file] = set;
      for (const h of hashes) set.add(h);
    }
  }
  return { commit, files: Object.fromEntries(Object.entries(files).map(([f, s]) => [f, [...s].sort()])), shapes };
}

export function readRecord(file: string): StatementRecord | undefined {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as StatementRecord;
  } catch {
    return undefined;
  }
}

export interface Cover {
  files: string[];
  /** Statements the candidates ran in the first pass, all of which the chosen files run. */
  statements: number;
  /** Files that run although the record does not know them. */
  unknown: string[];
  /**
   * Statements of the first pass that only files outside the candidates ran (the browser tests, the
   * lifecycle test): no choice of candidates runs them again. Each wants a test among the candidates.
   */
  elsewhere: string[];
}

/**
 * The candidates to run: every file the record does not know, then, greedily, the known file that
 * runs the most statements not yet covered per millisecond of its duration, until none is left.
 */
export function coverStatements(candidates: string[], record: StatementRecord, durations: Map<string, number>): Cover {
  const unknown = candidates.filter((f) => !record.files[f]);
  const known = candidates.filter((f) => record.files[f]);
  const left = new Set(known.flatMap((f) => record.files[f] as string[]));
  const statements = left.size;
  const candidate = new Set(candidates);
  const elsewhere = [
    ...new Set(
      Object.entries(record.files)
        .filter(([f]) => !candidate.has(f))
        .flatMap(([, hashes]) => hashes),
    ),
  ]
    .filter((h) => !left.has(h))
    .sort();
  // What the unknown files run is not known: they cover nothing in advance.
  const chosen: string[] = [];
  const pool = new Set(known);
  while (left.size > 0) {
    let best: string | undefined;
    let bestScore = 0;
    for (const f of pool) {
      const gain = (record.files[f] as string[]).reduce((n, h) => n + (left.has(h) ? 1 : 0), 0);
      const score = gain / Math.max(durations.get(f) ?? 5_000, 100);
      if (gain > 0 && (score > bestScore || (score === bestScore && best !== undefined && f < best))) {
        best = f;
        bestScore = score;
      }
    }
    if (!best) break;
    chosen.push(best);
    pool.delete(best);
    for (const h of record.files[best] as string[]) left.delete(h);
  }
  // Greedy choices can be made redundant by later ones: the longest files first, each is left out if
  // the others chosen run every statement it covers (a file chosen early for its many statements, all
  // of which the files chosen after it run too).
  const runs = (files: string[]) => {
    const n = new Map<string, number>();
    for (const f of files) for (const h of record.files[f] as string[]) n.set(h, (n.get(h) ?? 0) + 1);
    return n;
  };
  const times = runs(chosen);
  for (const f of [...chosen].sort((a, b) => (durations.get(b) ?? 5_000) - (durations.get(a) ?? 5_000))) {
    const own = record.files[f] as string[];
    if (own.every((h) => (times.get(h) ?? 0) > 1)) {
      chosen.splice(chosen.indexOf(f), 1);
      for (const h of own) times.set(h, (times.get(h) ?? 0) - 1);
    }
  }
  return { files: [...unknown, ...chosen].sort(), statements, unknown, elsewhere };
}
