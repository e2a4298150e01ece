/**
 * Before and after the design work of issue 18: the pages of the screenshot test
 * (test/e2e/screenshots.test.ts) as an older Kenes drew them, beside the committed references.
 *
 *   node --import tsx scripts/before-after.ts shoot URL DIR
 *     Photographs the twelve pages of the screenshot test in English at 1280×900 and 390×844 from the
 *     Kenes at URL (any version with the demo loaded; DATABASE_URL names the database it serves) into
 *     DIR/<page>-en-<width>.png, as the test does: the window, not the full page, reduced motion, caret
 *     hidden, fonts loaded, the staff form signed in as the secretariat. The demo's dates relative to
 *     the day it was loaded are first pinned to the test's fixed dates in that database (it is changed).
 *
 *   node --import tsx scripts/before-after.ts compose DIR
 *     Writes docs/design/before-after/<page>-<width>.png: DIR's picture (before) on the left, the
 *     reference test/e2e/screenshots/<page>-en-<width>.png (after) on the right, a thin grey gap
 *     between; the 1280 px pair scaled down by half (SCALE), so that the folder stays small.
 */
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { chromium } from 'playwright-core';
import { PNG } from 'pngjs';
import { DEMO_PASSWORD } from '../src/demo/content.ts';
import { CHROMIUM_ARGS, chromiumPath } from '../test/e2e/chromium.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const REFERENCES = path.join(ROOT, 'test/e2e/screenshots');
const OUT = path.join(ROOT, 'docs/design/before-after');
const LANG = 'en';
/** The screenshot test's screens. */
const SCREENS = [
  { width: 1280, height: 900 },
  { width: 390, height: 844 },
] as const;
/**
 * How much each width's pictures are scaled down in the composites: the desktop by half (its text
 * stays legible at 640 px), the phone not at all (at 195 px its text would not be).
 */
const SCALE: Record<(typeof SCREENS)[number]['width'], number> = { 1280: 2, 390: 1 };
const STAFF = 'secretariat@kenes.demo';
/** The gap between the two pictures, in pixels of the composite, and its grey. */
const GAP = 6;
const GAP_GREY = 0x99;
const PAGE_NAMES = [
  'home',
  'meetings',
  'meeting',
  'proposals',
  'proposal',
  'cycles',
  'cycle',
  'explorer',
  'recommendation',
  'news',
  'organisations',
  'staff-form',
] as const;

/** The same fixed dates as the screenshot test's pinDates(), and the records its pages show. */
async function prepareDatabase(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`UPDATE meetings SET starts_at = '2099-03-12T10:00:00+06:00', ends_at = '2099-03-12T13:00:00+06:00'
                        WHERE number = 2`);
    await client.query(`UPDATE proposal_addressees SET deadline = CASE
                          WHEN deadline = (SELECT max(deadline) FROM proposal_addressees) THEN DATE '2026-11-20'
                          ELSE DATE '2026-05-20' END
                        WHERE deadline IS NOT NULL`);
    await client.query(`UPDATE proposal_events e SET detail = jsonb_set(e.detail, '{deadline}', to_jsonb(a.deadline::text))
                        FROM (SELECT DISTINCT proposal_id, deadline FROM proposal_addressees WHERE deadline IS NOT NULL) a
                        WHERE e.proposal_id = a.proposal_id AND e.detail ? 'deadline'`);
    const one = async (q: string) => String((await client.query<{ id: string }>(q)).rows[0]?.id);
    const first = (table: string) => one(`SELECT id FROM ${table} ORDER BY id LIMIT 1`);
    const paths: Record<(typeof PAGE_NAMES)[number], string> = {
      home: '/',
      meetings: '/meetings',
      meeting: `/meetings/${await one('SELECT id FROM meetings WHERE number = 1')}`,
      proposals: '/proposals',
      proposal: `/proposals/${await first('proposals')}`,
      cycles: '/cycles',
      cycle: `/cycles/${await first('reporting_cycles')}`,
      explorer: '/recommendations',
      recommendation: `/recommendations/${await first('recommendations')}`,
      news: '/news',
      organisations: '/organisations',
      'staff-form': '/cycles/new',
    };
    return paths;
  } finally {
    await client.end();
  }
}

async function shoot(base: string, dir: string) {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL must name the database that the Kenes at URL serves');
  const paths = await prepareDatabase(url);
  fs.mkdirSync(dir, { recursive: true });
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
  try {
    // The staff's cookies, from one sign-in through the form.
    const signIn = await browser.newContext();
    const form = await signIn.newPage();
    await form.goto(`${base}/${LANG}/sign-in`);
    await form.fill('#field-email', STAFF);
    await form.fill('#field-password', DEMO_PASSWORD);
    await Promise.all([form.waitForURL(`${base}/${LANG}/`), form.click('main button[type="submit"]')]);
    const storageState = await signIn.storageState();
    await signIn.close();
    for (const screen of SCREENS) {
      for (const name of PAGE_NAMES) {
        const staff = name === 'staff-form';
        const context = await browser.newContext({
          viewport: screen,
          reducedMotion: 'reduce',
          ...(staff ? { storageState } : {}),
        });
        const page = await context.newPage();
        const res = await page.goto(`${base}/${LANG}${paths[name]}`);
        if (res?.status() !== 200) throw new Error(`${paths[name]}: HTTP ${res?.status()}`);
        await page.evaluate(() => document.fonts.ready.then(() => undefined));
        const file = path.join(dir, `${name}-${LANG}-${screen.width}.png`);
        fs.writeFileSync(file, await page.screenshot({ animations: 'disabled', caret: 'hide', scale: 'css' }));
        console.log(`${file}  ${paths[name]}`);
        await context.close();
      }
    }
  } finally {
    await browser.close();
  }
}

/** A picture scaled down by a whole factor: each pixel the mean of a factor×factor block (on white, alpha dropped). */
function shrink(src: PNG, factor: number): PNG {
  const width = Math.floor(src.width / factor);
  const height = Math.floor(src.height / factor);
  const out = new PNG({ width, height });
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const sum = [0, 0, 0];
      for (let dy = 0; dy < factor; dy++) {
        for (let dx = 0; dx < factor; dx++) {
          const i = ((y * factor + dy) * src.width + (x * factor + dx)) * 4;
          const alpha = (src.data[i + 3] ?? 255) / 255;
          for (let c = 0; c < 3; c++) sum[c] = (sum[c] ?? 0) + (src.data[i + c] ?? 0) * alpha + 255 * (1 - alpha);
        }
      }
      const o = (y * width + x) * 4;
      for (let c = 0; c < 3; c++) out.data[o + c] = Math.round((sum[c] ?? 0) / (factor * factor));
      out.data[o + 3] = 255;
    }
  }
  return out;
}

/** before | gap | after, top-aligned; the shorter one's space below it white. */
function sideBySide(before: PNG, after: PNG): PNG {
  const width = before.width + GAP + after.width;
  const height = Math.max(before.height, after.height);
  const out = new PNG({ width, height });
  out.data.fill(255);
  for (let y = 0; y < height; y++) {
    for (let x = before.width; x < before.width + GAP; x++)
      out.data.fill(GAP_GREY, (y * width + x) * 4, (y * width + x) * 4 + 3);
  }
  const paste = (img: PNG, left: number) => {
    for (let y = 0; y < img.height; y++)
      img.data.copy(out.data, (y * width + left) * 4, y * img.width * 4, (y + 1) * img.width * 4);
  };
  paste(before, 0);
  paste(after, before.width + GAP);
  return out;
}

function compose(dir: string) {
  fs.mkdirSync(OUT, { recursive: true });
  let total = 0;
  for (const screen of SCREENS) {
    for (const name of PAGE_NAMES) {
      const read = (folder: string) => {
        const file = path.join(folder, `${name}-${LANG}-${screen.width}.png`);
        if (!fs.existsSync(file)) throw new Error(`missing ${file}`);
        return shrink(PNG.sync.read(fs.readFileSync(file)), SCALE[screen.width]);
      };
      const picture = sideBySide(read(dir), read(REFERENCES));
      // RGB without alpha, each line's best filter, zlib's strongest level and its strategy for filtered
      // data (pngjs's default, run-length only, made the 24 files 3.39 MB instead of 2.93).
      const bytes = PNG.sync.write(picture, {
        colorType: 2,
        inputHasAlpha: true,
        filterType: -1,
        deflateLevel: 9,
        deflateStrategy: 1,
      });
      const file = path.join(OUT, `${name}-${screen.width}.png`);
      fs.writeFileSync(file, bytes);
      total += bytes.length;
      console.log(
        `${path.relative(ROOT, file)}  ${picture.width}×${picture.height}  ${(bytes.length / 1024).toFixed(0)} KB`,
      );
    }
  }
  console.log(`total ${(total / 1024 / 1024).toFixed(2)} MB`);
}

const [command, a, b] = process.argv.slice(2);
if (command === 'shoot' && a && b) await shoot(a.replace(/\/$/, ''), b);
else if (command === 'compose' && a) compose(a);
else {
  console.error(
    'usage: before-after.ts shoot URL DIR   (DATABASE_URL: the database URL serves)\n       before-after.ts compose DIR',
  );
  process.exit(2);
}
