/**
 * Screenshot tests (issue 18, decision 0027): twelve key pages — home, meetings, a meeting, proposals,
 * a proposal, cycles, a cycle, the explorer, a recommendation, news, organisations and a staff form —
 * in kk, ru and en, at 1280 and 390 px, in Chromium, each compared with its reference image under
 * test/e2e/screenshots/ (pixelmatch). The window is photographed, not the full page: smaller files,
 * steadier pictures. A page fails when more than 0.1 % of its pixels differ (each pixel compared with
 * pixelmatch's threshold 0.1, anti-aliasing ignored); the actual picture and the difference are then
 * written to a temporary folder the failure names.
 *
 * What the demo dates relative to the day it was loaded (the next meeting a fortnight ahead, proposal
 * deadlines some days ago) is pinned to fixed dates in this file's own database before any page is
 * served, so that the pictures do not change from one day to the next. No page shows a time relative
 * to now ("in 3 days") and nothing moves (no animation, the caret hidden), so no clock needs pinning.
 *
 * `KENES_UPDATE_SCREENSHOTS=1 npm test -- test/e2e/screenshots.test.ts` rewrites the references.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import pixelmatch from 'pixelmatch';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { type Harness, skip, startHarness } from './harness.ts';

const REFERENCES = path.join(import.meta.dirname, 'screenshots');
const UPDATE = process.env.KENES_UPDATE_SCREENSHOTS === '1';
/** A pixel differs when its colours are further apart than this (pixelmatch's scale, 0 to 1). */
const THRESHOLD = 0.1;
/** A page fails when more than this share of its pixels differ. */
const TOLERANCE = 0.001;
const LANGS = ['kk', 'ru', 'en'] as const;
/** The widths, each with the height of a common screen of that width. */
const SCREENS = [
  { width: 1280, height: 900 },
  { width: 390, height: 844 },
] as const;
const STAFF = 'secretariat@kenes.demo';

/** The pages, by name, with their paths after the language (the records found in before()). */
let pages: { name: string; path: string; staff?: boolean }[];
let h: Harness;
before(async () => {
  if (skip) return;
  h = await startHarness();
  await pinDates();
  const first = async (table: 'proposals' | 'reporting_cycles' | 'recommendations') =>
    (await h.t.db.selectFrom(table).select('id').orderBy('id').limit(1).executeTakeFirstOrThrow()).id;
  const meeting = await h.t.db.selectFrom('meetings').select('id').where('number', '=', 1).executeTakeFirstOrThrow();
  pages = [
    { name: 'home', path: '/' },
    { name: 'meetings', path: '/meetings' },
    { name: 'meeting', path: `/meetings/${meeting.id}` },
    { name: 'proposals', path: '/proposals' },
    { name: 'proposal', path: `/proposals/${await first('proposals')}` },
    { name: 'cycles', path: '/cycles' },
    { name: 'cycle', path: `/cycles/${await first('reporting_cycles')}` },
    { name: 'explorer', path: '/recommendations' },
    { name: 'recommendation', path: `/recommendations/${await first('recommendations')}` },
    { name: 'news', path: '/news' },
    { name: 'organisations', path: '/organisations' },
    { name: 'staff-form', path: '/cycles/new', staff: true },
  ];
});
after(() => h?.close());

/**
 * The demo's dates relative to the day it was loaded, made fixed: the next meeting (a fortnight
 * ahead) on a day far ahead, the proposals' answer deadlines (10 and 200 days ago) on days past.
 */
async function pinDates() {
  const db = h.t.db;
  await sql`UPDATE meetings SET starts_at = '2099-03-12T10:00:00+06:00', ends_at = '2099-03-12T13:00:00+06:00'
            WHERE number = 2`.execute(db);
  await sql`UPDATE proposal_addressees SET deadline = CASE
              WHEN deadline = (SELECT max(deadline) FROM proposal_addressees) THEN DATE '2026-11-20'
              ELSE DATE '2026-05-20' END
            WHERE deadline IS NOT NULL`.execute(db);
  await sql`UPDATE proposal_events e SET detail = jsonb_set(e.detail, '{deadline}', to_jsonb(a.deadline::text))
            FROM (SELECT DISTINCT proposal_id, deadline FROM proposal_addressees WHERE deadline IS NOT NULL) a
            WHERE e.proposal_id = a.proposal_id AND e.detail ? 'deadline'`.execute(db);
}

/** A context of this width, signed in as staff or not; nothing animates, the caret is hidden. */
async function openContext(browser: Browser, screen: (typeof SCREENS)[number], staff: boolean) {
  const storageState = staff ? await staffState() : undefined;
  return browser.newContext({
    viewport: screen,
    reducedMotion: 'reduce',
    ...(storageState ? { storageState } : {}),
  });
}

let signedIn: Awaited<ReturnType<BrowserContext['storageState']>> | undefined;
async function staffState() {
  if (!signedIn) {
    const { page, close } = await h.signIn(STAFF, 'en');
    signedIn = await page.context().storageState();
    await close();
  }
  return signedIn;
}

/** The window's picture of a page, once its fonts are loaded. */
async function shoot(page: Page, url: string): Promise<Buffer> {
  const res = await page.goto(url);
  assert.equal(res?.status(), 200, url);
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  return page.screenshot({ animations: 'disabled', caret: 'hide', scale: 'css' });
}

/** How the pictures compared: the same bytes, or within the tolerance. */
const counts = { identical: 0, close: 0 };

/** Compares a picture with its reference; returns the problem, if any (and writes the evidence). */
function compare(name: string, actual: Buffer, outDir: () => string): string | undefined {
  const file = path.join(REFERENCES, `${name}.png`);
  if (UPDATE) {
    fs.writeFileSync(file, actual);
    return undefined;
  }
  if (!fs.existsSync(file)) {
    const out = path.join(outDir(), `${name}.actual.png`);
    fs.writeFileSync(out, actual);
    return `${name}: no reference image ${path.relative(process.cwd(), file)} (actual: ${out}; KENES_UPDATE_SCREENSHOTS=1 writes the references)`;
  }
  const reference = fs.readFileSync(file);
  // Chromium encodes the same pixels to the same bytes: most pages need no decoding (~0.1 s a pair).
  if (reference.equals(actual)) {
    counts.identical++;
    return undefined;
  }
  const want = PNG.sync.read(reference);
  const got = PNG.sync.read(actual);
  if (want.width !== got.width || want.height !== got.height) {
    const out = path.join(outDir(), `${name}.actual.png`);
    fs.writeFileSync(out, actual);
    return `${name}: ${got.width}×${got.height} px, the reference is ${want.width}×${want.height} (actual: ${out})`;
  }
  const diff = new PNG({ width: got.width, height: got.height });
  const differing = pixelmatch(want.data, got.data, diff.data, got.width, got.height, { threshold: THRESHOLD });
  const share = differing / (got.width * got.height);
  if (share <= TOLERANCE) {
    counts.close++;
    return undefined;
  }
  const actualFile = path.join(outDir(), `${name}.actual.png`);
  const diffFile = path.join(outDir(), `${name}.diff.png`);
  fs.writeFileSync(actualFile, actual);
  fs.writeFileSync(diffFile, PNG.sync.write(diff));
  return `${name}: ${differing} pixels differ (${(share * 100).toFixed(2)} %, at most ${TOLERANCE * 100} %): actual ${actualFile}, difference ${diffFile}`;
}

describe('screenshots compared with the reference images', { skip, concurrency: false }, () => {
  let outDir: string | undefined;
  const out = () => {
    outDir ??= fs.mkdtempSync(path.join(os.tmpdir(), 'kenes-screenshots-'));
    return outDir;
  };
  // The Chromium that drew the references, so that a failure after a browser update says so.
  const versionFile = path.join(REFERENCES, 'chromium-version.txt');
  before(() => {
    if (!UPDATE) return;
    fs.mkdirSync(REFERENCES, { recursive: true });
    fs.writeFileSync(versionFile, `${h.browser.version()}\n`);
  });

  for (const screen of SCREENS) {
    test(`${screen.width} px: ${LANGS.length} languages × 12 pages look as their references`, async (t) => {
      // One context (and page) for visitors and one for staff at this width, each page navigated in turn.
      const visitor = await openContext(h.browser, screen, false);
      const staff = await openContext(h.browser, screen, true);
      const [visitorPage, staffPage] = [await visitor.newPage(), await staff.newPage()];
      const problems: string[] = [];
      for (const lang of LANGS) {
        for (const p of pages) {
          const name = `${p.name}-${lang}-${screen.width}`;
          const picture = await shoot(p.staff ? staffPage : visitorPage, `${h.base}/${lang}${p.path}`);
          const problem = compare(name, picture, out);
          if (problem) problems.push(problem);
        }
      }
      await visitor.close();
      await staff.close();
      t.diagnostic(`same bytes as the reference: ${counts.identical}, within the tolerance: ${counts.close}`);
      Object.assign(counts, { identical: 0, close: 0 });
      const drawnBy = fs.existsSync(versionFile) ? fs.readFileSync(versionFile, 'utf8').trim() : 'unknown';
      if (problems.length && drawnBy !== h.browser.version())
        problems.push(`(the references were drawn by Chromium ${drawnBy}, this is ${h.browser.version()})`);
      assert.deepEqual(problems, [], `pages that do not look as their references:\n${problems.join('\n')}`);
    });
  }
});
