import { execFileSync } from 'node:child_process';

/**
 * Debian's Chromium, if installed: its headless shell (package chromium-headless-shell, the same Blink
 * without the browser's interface, as Playwright runs headless) rather than the whole browser when both
 * are there; KENES_CHROMIUM names another.
 */
export function chromiumPath(): string | undefined {
  if (process.env.KENES_CHROMIUM) return process.env.KENES_CHROMIUM;
  try {
    return (
      execFileSync(
        'sh',
        ['-c', 'command -v chromium-headless-shell || command -v chromium || command -v chromium-browser'],
        { encoding: 'utf8' },
      ).trim() || undefined
    );
  } catch {
    return undefined;
  }
}

/** How the browser tests run Chromium: headless, no sandbox (CI runs as root), nothing in the background. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-quic',
  '--no-first-run',
];

/**
 * The variable through which `npm test` hands the browser tests the one Chromium it started for them
 * all (its playwright server's WebSocket endpoint); without it, each file launches its own.
 */
export const CHROMIUM_WS_VARIABLE = 'KENES_TEST_CHROMIUM_WS';

/** Whether a test file runs in Chromium. */
export function isBrowserTest(file: string): boolean {
  return /(^|\/)test\/e2e\//.test(file) || /\.browser\.test\.tsx?$/.test(file);
}
