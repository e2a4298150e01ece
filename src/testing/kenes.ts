import { main } from '../cli.ts';
import { configureAudit, currentAuditSetup } from '../core/audit.ts';

/** What a `kenes` command did: its exit status and everything it wrote. */
export interface KenesRun {
  status: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs a `kenes` command in this process, as `kenes ARGV…` would run with the environment `env`
 * (the configuration is read from it alone): its output is collected, its exit status returned.
 * The command configures the audit log from its own environment, as a separate process would;
 * this process's setup is put back afterwards. test/lifecycle.test.ts runs the real command.
 */
export async function runKenes(argv: string[], env: NodeJS.ProcessEnv): Promise<KenesRun> {
  let stdout = '';
  let stderr = '';
  const audit = currentAuditSetup();
  try {
    const status = await main(argv, {
      stdout: (text) => {
        stdout += text;
      },
      stderr: (text) => {
        stderr += text;
      },
      env,
      stderrIsTTY: false,
    });
    return { status, stdout, stderr };
  } finally {
    if (audit) configureAudit(audit);
  }
}

/**
 * `kenes ARGV…` as it would run against the test database at `url`: this process's environment
 * otherwise (its DATABASE_URL replaced), the log silenced, `extra` added.
 */
export function kenesOn(url: string, argv: string[], extra: NodeJS.ProcessEnv = {}): Promise<KenesRun> {
  const { DATABASE_URL: _omit, ...env } = process.env;
  return runKenes(argv, { ...env, DATABASE_URL: url, LOG_LEVEL: 'silent', ...extra });
}
