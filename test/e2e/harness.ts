import fs from 'node:fs';
import { createRequire } from 'node:module';
import type axe from 'axe-core';
import { type Browser, type BrowserContextOptions, chromium, type Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../src/demo/content.ts';
import { createTestApp, type TestApp } from '../../src/testing/app.ts';
import { cyrillicInKazakhText } from '../../src/testing/html.ts';
import { CHROMIUM_ARGS, CHROMIUM_WS_VARIABLE, chromiumPath } from './chromium.ts';

export const executablePath = chromiumPath();
// CI must run these; on a laptop without Chromium they are skipped with the reason shown.
if (!executablePath && process.env.CI)
  throw new Error('Chromium is not installed; .ci/run installs it (apt-get install chromium)');
export const skip = executablePath ? false : 'Chromium is not installed (apt-get install chromium)';

export interface Harness {
  t: TestApp;
  browser: Browser;
  base: string;
  /**
   * A fresh context and page (as openPage) signed in as a demo account. The first call for an account
   * and language signs in through the form; later ones start from the cookies that sign-in left
   * (its storageState), which saves the form and the password hash on every later journey step.
   */
  signIn(email: string, lang?: string): Promise<OpenedPage>;
  close(): Promise<void>;
}

type StorageState = Exclude<BrowserContextOptions['storageState'], string | undefined>;

/**
 * The app with the demo, listening on 127.0.0.1, and a headless Chromium: the one `npm test` started
 * for every browser test file (connected to), or else one of this file's own (a file run by hand).
 */
export async function startHarness(): Promise<Harness> {
  const shared = process.env[CHROMIUM_WS_VARIABLE];
  const t = await createTestApp({ demo: true });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const address = t.app.server.address();
  const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const browser = shared
    ? await chromium.connect(shared)
    : await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
  const signedIn = new Map<string, StorageState>();
  return {
    t,
    browser,
    base,
    signIn: async (email, lang = 'ru') => {
      const key = `${email} ${lang}`;
      const state = signedIn.get(key);
      if (state) return openPage(browser, { storageState: state });
      const session = await openPage(browser);
      await session.page.goto(`${base}/${lang}/sign-in`);
      await session.page.fill('#field-email', email);
      await session.page.fill('#field-password', DEMO_PASSWORD);
      await Promise.all([
        session.page.waitForURL(`${base}/${lang}/`),
        session.page.click('main button[type="submit"]'),
      ]);
      signedIn.set(key, await session.page.context().storageState());
      return session;
    },
    close: async () => {
      // A shared browser: this closes the contexts this file opened and disconnects.
      await browser.close();
      await t.close();
    },
  };
}

export interface OpenedPage {
  page: Page;
  /** Console errors and warnings, page errors, failed loads and error statuses, as they happen. */
  problems: string[];
  close(): Promise<void>;
}

/** A fresh browser context and page that records console errors, failed loads and error statuses. */
export async function openPage(
  browser: Browser,
  opts: { javaScriptEnabled?: boolean; width?: number; storageState?: StorageState } = {},
): Promise<OpenedPage> {
  const context = await browser.newContext({
    javaScriptEnabled: opts.javaScriptEnabled ?? true,
    viewport: { width: opts.width ?? 1280, height: 900 },
    ...(opts.storageState ? { storageState: opts.storageState } : {}),
  });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  // A load cut short by the next navigation (ERR_ABORTED) is the browser's doing, not a fault.
  page.on('requestfailed', (r) => {
    if (r.failure()?.errorText !== 'net::ERR_ABORTED') problems.push(`failed: ${r.url()} ${r.failure()?.errorText}`);
  });
  page.on('response', (r) => {
    if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`);
  });
  return { page, problems, close: () => context.close() };
}

/** The rules the browser tests hold every page to: WCAG 2.0, 2.1 and 2.2, levels A and AA. */
const WCAG_A_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** axe-core's minified build, read once. */
const AXE_SOURCE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * Every WCAG 2.x A/AA violation that axe-core finds on the page, whatever its impact, and every
 * element id used twice (issue 18). axe runs each rule tagged with a WCAG A/AA criterion — the
 * experimental ones too (label-content-name-mismatch, WCAG 2.5.3), which a run by tag leaves out —
 * by naming them (runOnly type 'rule'). axe-core (the one @axe-core/playwright wraps) is injected
 * into the page's frames and run once, as that package's legacy mode does, without its extra round
 * trips (configure, a blank page for finishRun); only violations are collected in full
 * (resultTypes). The minified build is injected: half the bytes to send and compile on every check
 * (measured: the meeting journey's 11 checks took 10.6 s with axe.source, 5.4 s with axe.min.js).
 */
export async function axeViolations(page: Page) {
  for (const frame of page.frames()) await frame.evaluate(AXE_SOURCE);
  const { violations, duplicateIds } = await page.evaluate(async (tags) => {
    const axeCore = (window as unknown as { axe: typeof axe }).axe;
    const rules = axeCore.getRules(tags).map((r) => r.ruleId);
    const results = await axeCore.run(document, {
      runOnly: { type: 'rule', values: rules },
      resultTypes: ['violations'],
    });
    const seen = new Map<string, number>();
    for (const el of document.querySelectorAll('[id]')) seen.set(el.id, (seen.get(el.id) ?? 0) + 1);
    return {
      violations: results.violations,
      duplicateIds: [...seen].filter(([, n]) => n > 1).map(([id, n]) => `duplicate id: ${id} ×${n}`),
    };
  }, WCAG_A_AA);
  const found = violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  return [...found, ...duplicateIds, ...(await cyrillicInLatinTwin(page))];
}

/**
 * The page's twin in the Latin-script Kazakh edition (decision 0018): the same address under
 * /kk-latn/, fetched with the page's cookies (same session), must show no Cyrillic outside what is
 * marked as another language (lang="ru", "en", "kk-Cyrl") or typed into a form. Every page the
 * browser tests check with axeViolations is checked so; a page outside the language prefixes
 * has no twin. The server's HTML is read (cyrillicInKazakhText), not a second page load in Chromium.
 */
export async function cyrillicInLatinTwin(page: Page): Promise<string[]> {
  const url = new URL(page.url());
  if (!/^\/(kk|kk-latn|ru|en)(\/|$)/.test(url.pathname)) return [];
  url.pathname = url.pathname.replace(/^\/[^/]+/, '/kk-latn');
  url.hash = '';
  const cookies = await page.context().cookies(url.href);
  const res = await fetch(url, {
    headers: { cookie: cookies.map((c) => `${c.name}=${c.value}`).join('; ') },
    redirect: 'follow',
  });
  if (res.status >= 500) return [`kk-latn twin ${url.pathname}: HTTP ${res.status}`];
  return cyrillicInKazakhText(await res.text()).map((l) => `kk-latn twin ${url.pathname}: Cyrillic left: ${l}`);
}

/**
 * The Cyrillic a reader of the Latin edition would see on a page (with 30 characters around it): in
 * its visible text, title and labels, except what is marked as another language (lang="ru", "en",
 * "kk-Cyrl") or typed into a form. The page is changed (those parts removed): use it for nothing after.
 */
export function cyrillicLeft(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    for (const el of document.querySelectorAll('[lang]'))
      if (!/^kk(-latn)?$/i.test(el.getAttribute('lang') ?? '')) el.remove();
    for (const el of document.querySelectorAll('input, textarea, script, style')) el.remove();
    const labels = [...document.querySelectorAll('[aria-label], [title], [alt]')].map((el) =>
      ['aria-label', 'title', 'alt'].map((a) => el.getAttribute(a) ?? '').join(' '),
    );
    const text = [document.title, document.body.innerText, ...labels].join('\n');
    return [...text.matchAll(/[^\n]{0,30}[\u0400-\u04FF][^\n]{0,30}/gu)].map((m) => m[0]);
  });
}
