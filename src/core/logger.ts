import { type Logger, pino } from 'pino';
import type { Config } from './config.ts';

/**
 * The process logger: JSON lines on stdout, one per event (structured, for any log collector);
 * `destination` receives the lines instead (a command run in-process by a test).
 */
export function createLogger(config: Pick<Config, 'logLevel'>, destination?: { write(line: string): void }): Logger {
  const options = { level: config.logLevel, base: { service: 'kenes' } };
  return destination ? pino(options, destination) : pino(options);
}
