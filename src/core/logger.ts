import { type Logger, pino } from 'pino';
import type { Config } from './config.ts';

/**
 * The process logger: JSON lines on stdout, one per event (structured, for any log collector);
 * `destination` receives the lines instead (a command run in-process by a test).
 *
 * Stdout is written asynchronously (pino's destination with `sync: false`): a line is handed to a
 * write off the main thread, and the lines logged while one is in flight go out together in the next.
 * Written synchronously, each of a request's two lines was a system call on the event loop (4 % of a
 * signed-in page's CPU under load). Nothing waits for a quiet moment: a line goes out at once when no
 * write is in flight, and pino writes what is left before the process exits.
 */
export function createLogger(config: Pick<Config, 'logLevel'>, destination?: { write(line: string): void }): Logger {
  const options = { level: config.logLevel, base: { service: 'kenes' } };
  return pino(options, destination ?? pino.destination({ dest: 1, sync: false }));
}
