import { type ParseArgsConfig, parseArgs } from 'node:util';

/**
 * What a `kenes` command reads and writes besides its arguments: the process's own streams and
 * environment when run as `kenes`, buffers and a chosen environment when a test calls it in-process.
 */
export interface CliIo {
  /** Writes text to standard output as given (add the newline). */
  stdout(text: string): void;
  /** Writes text to standard error as given (add the newline). */
  stderr(text: string): void;
  /** The environment the configuration is read from. */
  env: NodeJS.ProcessEnv;
  /** Standard error is a terminal: progress is drawn as a bar rather than printed as lines. */
  stderrIsTTY: boolean;
}

/** A command's arguments: its options (an unknown one is an error) and its positional arguments. */
export function commandArgs<const O extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: O) {
  return parseArgs({ args, options, allowPositionals: true, strict: true });
}

/** The process's standard output and error, and its environment. */
export const processIo: CliIo = {
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
  env: process.env,
  stderrIsTTY: process.stderr.isTTY === true,
};
