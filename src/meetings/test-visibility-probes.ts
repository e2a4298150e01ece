import assert from 'node:assert/strict';
import { strFromU8, unzipSync } from 'fflate';
import type { Get } from '../testing/probe-types.ts';

/*
 * The probes of the surfaces added to the meetings' visibility matrix after issue 10 (open data, the
 * meetings' Atom feed, the news and tasks API and its changes feed, the attendance summary in the API,
 * the public dashboard's attendance, comments' API and feed): each asks a surface as a reader would and
 * answers, per meeting of the fixture, whether the surface shows it. Test support for
 * visibility.test.ts, kept apart so that neither file grows past the size a reader takes in; it takes
 * the test's HTTP client by its shape (testing/probe-types.ts), so it imports nothing else of the test support.
 */

/** One meeting of the fixture, as the probes know it: its ids and the words its parts carry. */
export interface ProbedMeeting {
  id: string;
  newsId: string;
  /** The unique word of a part: title, item, task, minutes, news, decision, comment, newscomment… */
  word: (part: string) => string;
}

/** Per meeting of the fixture: does this surface show it to this reader? */
export type Seen = (m: ProbedMeeting) => boolean | undefined;

/** The meetings' open-data datasets and the word each row of a meeting carries there. */
export const DATASETS = {
  meetings: 'title',
  'agenda-items': 'item',
  minutes: 'minutes',
  communiques: 'news',
  tasks: 'task',
} as const;
export type MeetingDataset = keyof typeof DATASETS;

/**
 * A dataset, as CSV and as JSON (/en/open-data/{id}.csv|json): shown when its row carries the word
 * of that dataset's part. The two formats must agree.
 */
export async function openDataset(get: Get, id: MeetingDataset): Promise<Seen> {
  const csv = await get(`/en/open-data/${id}.csv`);
  const json = await get(`/en/open-data/${id}.json`);
  assert.equal(csv.statusCode, 200, `${id}.csv`);
  assert.equal(json.statusCode, 200, `${id}.json`);
  const rows = JSON.stringify((json.json() as { rows: unknown[] }).rows);
  return (m) => {
    const word = m.word(DATASETS[id]);
    const inCsv = csv.body.includes(word);
    assert.equal(rows.includes(word), inCsv, `${id}: the CSV and the JSON agree on ${word}`);
    return inCsv;
  };
}

/** The zip of everything: shown when any file in it carries any word of any part of the meeting. */
export async function openDataZip(get: Get, parts: readonly string[]): Promise<Seen> {
  const res = await get('/en/open-data/kenes-open-data.zip');
  assert.equal(res.statusCode, 200);
  const files = unzipSync(new Uint8Array(res.rawPayload));
  assert.ok(files['meetings.csv'] && files['tasks.json'], 'the zip holds the meetings datasets');
  const text = Object.values(files)
    .map((f) => strFromU8(f))
    .join('\n');
  return (m) => parts.some((part) => text.includes(m.word(part)));
}

/** A body fetched once: shown when it carries the meeting's word of `part`. */
export async function bodyHas(get: Get, url: string, part: string): Promise<Seen> {
  const res = await get(url);
  assert.equal(res.statusCode, 200, url);
  return (m) => res.body.includes(m.word(part));
}

/**
 * A list of the read API, in full and as its changes feed (`updated_since` before the fixture was
 * made): shown when the list has the meeting's part; the two must agree on every fixture meeting.
 */
export async function apiList(
  get: Get,
  path: string,
  since: string,
  found: (items: unknown[], m: ProbedMeeting) => boolean,
): Promise<Seen> {
  const all = await get(`${path}?limit=100`);
  const changed = await get(`${path}?limit=100&updated_since=${encodeURIComponent(since)}`);
  assert.equal(all.statusCode, 200, path);
  assert.equal(changed.statusCode, 200, `${path}?updated_since`);
  const items = (all.json() as { items: unknown[] }).items;
  const changes = (changed.json() as { items: unknown[] }).items;
  return (m) => {
    const listed = found(items, m);
    assert.equal(found(changes, m), listed, `${path}: updated_since lists the fixture as the full list does`);
    return listed;
  };
}

/** /api/v1/meetings/:id's attendance summary: shown when it counts the people who came (404: not shown). */
export async function apiAttendance(get: Get, meetings: readonly ProbedMeeting[]): Promise<Seen> {
  const people = new Map<string, number>();
  for (const m of meetings) {
    const res = await get(`/api/v1/meetings/${m.id}`);
    assert.ok(res.statusCode === 200 || res.statusCode === 404, `${m.id}: ${res.statusCode}`);
    people.set(m.id, res.statusCode === 200 ? (res.json() as { attendance: { people: number } }).attendance.people : 0);
  }
  return (m) => (people.get(m.id) ?? 0) > 0;
}

/** The dashboard's attendance chart as CSV: attended and absent people per category code. */
export async function attendanceCsv(get: Get): Promise<Map<string, [number, number]>> {
  const res = await get('/en/dashboards/attendance.csv');
  assert.equal(res.statusCode, 200);
  const lines = res.body
    .replace(/^\uFEFF/, '')
    .trim()
    .split('\n')
    .slice(1);
  return new Map(
    lines.map((line) => {
      const cells = line.split(',');
      const n = (s: string | undefined) => Number(s?.replaceAll('"', '') || 0);
      return [cells[0]?.replaceAll('"', '') ?? '', [n(cells.at(-2)), n(cells.at(-1))]];
    }),
  );
}

/**
 * A record's comments as open data — /api/v1/comments?kind=&id= and its Atom feed — shown when both
 * answer 200 with the comment's word (a record the public may not see: 404 from both).
 */
export async function comments(get: Get, meetings: readonly ProbedMeeting[], kind: 'meeting' | 'news'): Promise<Seen> {
  const seen = new Map<string, boolean>();
  for (const m of meetings) {
    const id = kind === 'meeting' ? m.id : m.newsId;
    const word = m.word(kind === 'meeting' ? 'comment' : 'newscomment');
    const api = await get(`/api/v1/comments?kind=${kind}&id=${id}`);
    const feed = await get(`/en/comments/${kind}/${id}/feed.atom`);
    for (const res of [api, feed]) assert.ok([200, 404].includes(res.statusCode), `${kind} ${id}: ${res.statusCode}`);
    const inApi = api.statusCode === 200 && api.body.includes(word);
    const inFeed = feed.statusCode === 200 && feed.body.includes(word);
    assert.equal(inFeed, inApi, `${kind} ${id}: the API and the feed agree`);
    seen.set(m.id, inApi);
  }
  return (m) => seen.get(m.id);
}
