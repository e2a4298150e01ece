import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { strFromU8, unzipSync } from 'fflate';
import type { Db } from '../core/db/database.ts';
import { storeFile } from '../core/files/files.ts';
import type { Answer, Get } from '../testing/probe-types.ts';

/*
 * The surfaces added to the proposals' visibility matrix after issue 10 — open data (CSV, JSON, the
 * zip), the changes feed and a proposal's timeline feed, the API's answers and the answer's letter,
 * the dashboard's proposals by state body, comments' API and feed — and what the fixture needs for
 * them: an answer by a state body of its own with its letter, a public timeline entry and a comment.
 * Test support for visibility.test.ts, kept apart so that neither file outgrows a reader; it takes the
 * test's HTTP client by its shape (testing/probe-types.ts), so it imports nothing else of the test support.
 */

const PDF = '%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n';

/** One fixture proposal as these probes know it. */
export interface Traced {
  id: string;
  /** Its own word, in its title (`Matrixprobe WORD proposal`) and in every trace below. */
  word: string;
  /** The letter sent with its state body's answer. */
  letterHref: string;
  /** The state body that answered it (its row in the dashboard's proposals by body). */
  bodyOrg: string;
}

export const MORE_SURFACES = [
  'dataProposals', // /en/open-data/proposals.csv and .json have its row
  'dataAnswers', //   proposal-answers.csv and .json have its answer
  'zip', //           the zip of everything carries its title or its answer
  'changesFeed', //   /en/proposals.atom has its timeline entry
  'timelineFeed', //  /en/proposals/:id/timeline.atom answers 200 with its entry (else 404)
  'apiAnswers', //    /api/v1/proposals/:id shows its answer and the letter's address
  'letter', //        the answer's letter downloads (else 404)
  'dashboard', //     /en/dashboards/proposals-by-body.csv counts it under its state body
  'comments', //      /api/v1/comments?kind=proposal and its Atom feed serve its comment
] as const;
export type MoreSurface = (typeof MORE_SURFACES)[number];

const title = (word: string) => `Matrixprobe ${word} proposal`;
const reasons = (word: string) => `Matrixanswer ${word} reasons`;
const event = (word: string) => `Matrixevent ${word} entry`;
const comment = (word: string) => `Matrixcomment ${word} text`;

/**
 * Gives a fixture proposal what the surfaces above show: a state body of its own that answered it
 * (with reasons and a letter), a public timeline entry and a published comment.
 */
export async function addTraces(db: Db, proposalId: string, word: string): Promise<Omit<Traced, 'id' | 'word'>> {
  const body = await db
    .insertInto('organisations')
    .values({
      slug: `matrix-body-${word}`,
      category: 'state_body',
      name: JSON.stringify({ en: `Matrix body ${word}` }),
      short_name: JSON.stringify({}),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const addressee = await db
    .insertInto('proposal_addressees')
    .values({
      proposal_id: proposalId,
      organisation_id: body.id,
      answer: 'accepted',
      reasons: JSON.stringify({ en: reasons(word) }),
      answered_at: new Date(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const letter = await storeFile(db, { filename: `${word}-letter.pdf`, file: Readable.from([Buffer.from(PDF)]) }, null);
  if (!letter.ok) throw new Error(letter.problem);
  await db
    .insertInto('proposal_answer_files')
    .values({ addressee_id: addressee.id, file_id: letter.file.id })
    .execute();
  await db
    .insertInto('proposal_events')
    .values({
      proposal_id: proposalId,
      actor_name: 'Matrix',
      kind: 'answered',
      detail: JSON.stringify({ body: { en: `Matrix body ${word}` }, answer: 'accepted' }),
      reason: event(word),
    })
    .execute();
  await db
    .insertInto('comments')
    .values({ kind: 'proposal', record_id: proposalId, lang: 'en', body: comment(word), state: 'published' })
    .execute();
  return { letterHref: `/files/${letter.file.id}/${word}-letter.pdf`, bodyOrg: body.id };
}

/** A dataset as CSV and JSON: the fixtures whose text it carries (the two formats must agree). */
async function dataset(get: Get, id: string, fixtures: readonly Traced[], text: (word: string) => string) {
  const csv = await get(`/en/open-data/${id}.csv`);
  const json = await get(`/en/open-data/${id}.json`);
  assert.equal(csv.statusCode, 200, `${id}.csv`);
  assert.equal(json.statusCode, 200, `${id}.json`);
  const rows = JSON.stringify((json.json() as { rows: unknown[] }).rows);
  return fixtures.filter((f) => {
    const inCsv = csv.body.includes(text(f.word));
    assert.equal(rows.includes(text(f.word)), inCsv, `${id}: the CSV and the JSON agree on ${f.word}`);
    return inCsv;
  });
}

const ok200or404 = (res: Answer, what: string) =>
  assert.ok(res.statusCode === 200 || res.statusCode === 404, `${what}: ${res.statusCode}`);

/** For one reader: the fixtures each of the surfaces above shows. */
export async function observeMore(get: Get, fixtures: readonly Traced[]): Promise<Record<MoreSurface, Traced[]>> {
  const zip = await get('/en/open-data/kenes-open-data.zip');
  assert.equal(zip.statusCode, 200);
  const zipped = Object.values(unzipSync(new Uint8Array(zip.rawPayload)))
    .map((f) => strFromU8(f))
    .join('\n');
  const changes = await get('/en/proposals.atom');
  assert.equal(changes.statusCode, 200);
  const byBody = await get('/en/dashboards/proposals-by-body.csv');
  assert.equal(byBody.statusCode, 200);
  const bodies = new Set(byBody.body.split('\n').map((line) => line.split(',')[0]?.replaceAll('"', '')));

  const shown: Record<MoreSurface, Traced[]> = {
    dataProposals: await dataset(get, 'proposals', fixtures, title),
    dataAnswers: await dataset(get, 'proposal-answers', fixtures, reasons),
    zip: fixtures.filter((f) => zipped.includes(title(f.word)) || zipped.includes(reasons(f.word))),
    changesFeed: fixtures.filter((f) => changes.body.includes(event(f.word))),
    timelineFeed: [],
    apiAnswers: [],
    letter: [],
    dashboard: fixtures.filter((f) => bodies.has(f.bodyOrg)),
    comments: [],
  };
  for (const f of fixtures) {
    const timeline = await get(`/en/proposals/${f.id}/timeline.atom`);
    ok200or404(timeline, `timeline ${f.word}`);
    if (timeline.statusCode === 200 && timeline.body.includes(event(f.word))) shown.timelineFeed.push(f);
    const api = await get(`/api/v1/proposals/${f.id}`);
    ok200or404(api, `api ${f.word}`);
    if (api.statusCode === 200 && api.body.includes(reasons(f.word)) && api.body.includes(f.letterHref))
      shown.apiAnswers.push(f);
    const letter = await get(f.letterHref);
    ok200or404(letter, `letter ${f.word}`);
    if (letter.statusCode === 200) shown.letter.push(f);
    const api2 = await get(`/api/v1/comments?kind=proposal&id=${f.id}`);
    const feed = await get(`/en/comments/proposal/${f.id}/feed.atom`);
    ok200or404(api2, `comments ${f.word}`);
    ok200or404(feed, `comment feed ${f.word}`);
    const inApi = api2.statusCode === 200 && api2.body.includes(comment(f.word));
    const inFeed = feed.statusCode === 200 && feed.body.includes(comment(f.word));
    assert.equal(inFeed, inApi, `${f.word}: the comments' API and feed agree`);
    if (inApi) shown.comments.push(f);
  }
  return shown;
}
