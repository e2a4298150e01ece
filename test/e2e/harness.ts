import { AxeBuilder } from '@axe-core/playwright';
import { type Browser, chromium, type Page } from 'playwright-core';
import { createTestApp, type TestApp } from '../../src/testing/app.ts';
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
  close(): Promise<void>;
}

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
  return {
    t,
    browser,
    base,
    close: async () => {
      // A shared browser: this closes the contexts this file opened and disconnects.
      await browser.close();
      await t.close();
    },
  };
}

/** A fresh browser context and page that records console errors, failed loads and error statuses. */
export async function openPage(browser: Browser, opts: { javaScriptEnabled?: boolean; width?: number } = {}) {
  const context = await browser.newContext({
    javaScriptEnabled: opts.javaScriptEnabled ?? true,
    viewport: { width: opts.width ?? 1280, height: 900 },
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

/** Serious and critical WCAG 2.2 A/AA violations that axe-core finds on the page. */
export async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}
