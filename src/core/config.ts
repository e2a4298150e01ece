import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import type { OidcSettings } from './auth/oidc.ts';
import { ROLES, type Role } from './db/schema-accounts.ts';

/** Thrown when the environment does not describe a runnable Kenes; the message names the variable. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

const port = z.coerce.number().int().min(0).max(65535);

const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: port.default(3000),
  HOST: z.string().min(1).default('localhost'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/, error: 'must be a postgres:// or postgresql:// URL' }).optional(),
  DATABASE_OWNER_URL: z
    .url({ protocol: /^postgres(ql)?$/, error: 'must be a postgres:// or postgresql:// URL' })
    .optional(),
  AUDIT_KEY: z
    .string()
    .min(32, 'must be at least 32 characters (several keys: comma-separated, the last signs)')
    .optional(),
  AUDIT_CHECKPOINT_EMAIL: z.email({ error: 'must be an e-mail address' }).optional(),
  SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  SMTP_URL: z.url({ protocol: /^smtps?$/, error: 'must be an smtp:// or smtps:// URL' }).optional(),
  MAIL_FROM: z.string().min(3).max(300).optional(),
  PUBLIC_URL: z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' }).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  METRICS_TOKEN: z.string().min(32, 'must be at least 32 characters (the bearer token Prometheus sends)').optional(),
  PAGE_CACHE_MB: z.coerce.number().int().min(0).max(4096).default(64),
  WORKERS: z
    .string()
    .regex(/^(auto|[1-9]\d?)$/, { error: 'must be auto (one per core) or a number of processes from 1 to 99' })
    .optional(),
  BACKUP_DIR: z.string().min(1).optional(),
  BACKUP_KEEP: z.coerce.number().int().min(1, 'must be at least 1').max(1000).default(7),
  BACKUP_PASSPHRASE: z.string().min(12, 'must be at least 12 characters').optional(),
  TRUST_PROXY: z
    .string()
    .regex(/^(true|false|\d{1,2}|[0-9a-fA-F.:/]+(,\s*[0-9a-fA-F.:/]+)*)$/, {
      error: 'must be false, a number of proxy hops, or a comma-separated list of proxy addresses/CIDRs',
    })
    // `true` used to mean "believe every X-Forwarded-For hop": then any client chooses its own
    // address by sending the header, and per-address sign-in limits count nothing. Refused with a
    // way out rather than silently reinterpreted, because the right number depends on the deployment.
    .refine((v) => v !== 'true', {
      error:
        'true is no longer accepted: it let every client choose its own address. Set the number of proxies in front of Kenes (e.g. 1 for one nginx or load balancer) or their addresses/CIDRs (e.g. 10.0.0.0/8)',
    })
    .default('false'),
  // Single sign-on (decision 0023): all three or none.
  OIDC_ISSUER: z
    .url({ protocol: /^https?$/, error: "must be the identity provider's issuer URL (https://…)" })
    .refine((u) => u.startsWith('https:') || /^http:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d+)?(\/|$)/.test(u), {
      error: 'must be https:// (plain http:// only for a provider on this machine: localhost, 127.0.0.1)',
    })
    .optional(),
  OIDC_CLIENT_ID: z.string().max(500).optional(),
  OIDC_CLIENT_SECRET: z.string().max(2000).optional(),
  OIDC_EMAIL_CLAIM: z
    .string()
    .regex(/^[\w:./-]{1,200}$/, { error: 'must be the name of a claim, e.g. email or upn' })
    .default('email'),
  OIDC_NAME: z.string().max(60, 'at most 60 characters (it is a button label)').optional(),
  OIDC_NAME_KK: z.string().max(60, 'at most 60 characters (it is a button label)').optional(),
  OIDC_NAME_RU: z.string().max(60, 'at most 60 characters (it is a button label)').optional(),
  OIDC_NAME_EN: z.string().max(60, 'at most 60 characters (it is a button label)').optional(),
  PASSWORD_SIGN_IN_ROLES: z
    .string()
    .transform((v) => v.split(',').map((r) => r.trim()))
    .refine((roles) => roles.join() === 'none' || roles.every((r) => (ROLES as string[]).includes(r)), {
      error: `must be roles separated by commas (${ROLES.join(', ')}), or none`,
    })
    .transform((roles) => (roles.join() === 'none' ? [] : (roles as Role[])))
    .optional(),
});

export interface Config {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  /** Absolute path of the data directory (embedded database, generated secrets). */
  dataDir: string;
  /** External PostgreSQL; when absent Kenes runs its embedded PostgreSQL under dataDir. */
  databaseUrl: string | undefined;
  /**
   * The role that owns the schema and runs migrations (external mode); DATABASE_URL is then the
   * run-time role, which may only read and append to the audit log (decision 0013).
   */
  databaseOwnerUrl: string | undefined;
  /** The audit chain's keys (comma-separated, the last signs); absent: DATA_DIR/audit-keys. */
  auditKey: string | undefined;
  /** Where each new checkpoint of the audit chain is also e-mailed (through the outbox). */
  auditCheckpointEmail: string | undefined;
  /** Absent only in embedded mode outside production: then generated once and kept in dataDir. */
  sessionSecret: string | undefined;
  smtpUrl: string | undefined;
  /** Sender of Kenes's e-mail, e.g. "Kenes <no-reply@kenes.example.org>". */
  mailFrom: string;
  publicUrl: string;
  logLevel: string;
  databasePoolSize: number;
  /** The bearer token that reads /metrics; without it there is no /metrics (core/metrics.ts). */
  metricsToken: string | undefined;
  /** Memory for visitors' pages kept per process (decision 0022), in MB; 0 keeps none. */
  pageCacheMb: number;
  /**
   * How many processes `kenes start` serves HTTP with, one port between them (decision 0032):
   * WORKERS (a number, or `auto`: one per core, at most 8); 1 by default.
   */
  workers: number;
  /**
   * Which proxies' X-Forwarded-* headers to believe (client address for rate limits, https for
   * cookies): none (false), the last N hops (a number), or hops from these addresses/CIDRs.
   */
  trustProxy: false | number | string;
  /** Where the daily backup is written (absolute); absent: no scheduled backups (decision 0020). */
  backupDir: string | undefined;
  /** How many scheduled backups are kept in backupDir (the newest). */
  backupKeep: number;
  /** Encrypts backups (scheduled and `kenes backup`) and decrypts them on restore. */
  backupPassphrase: string | undefined;
  /** The organisation's OpenID Provider, when single sign-on is configured (decision 0023). */
  oidc: OidcSettings | undefined;
  /** The roles that may sign in with a password; the others only through single sign-on. */
  passwordSignInRoles: readonly Role[];
}

/**
 * Parses the environment once. Every problem is reported together, each line naming its variable,
 * so a wrong deployment stops at start instead of failing on the first request that needs the value.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // An empty variable (FOO= in a unit file) means "not set", not "set to the empty string".
  const cleaned = Object.fromEntries(Object.keys(EnvSchema.shape).map((k) => [k, env[k] === '' ? undefined : env[k]]));
  const parsed = EnvSchema.safeParse(cleaned);
  if (!parsed.success) {
    // Secrets are named, never printed: the message goes to logs.
    const got = (name: string) => (/SECRET|KEY/.test(name) ? 'a hidden value' : JSON.stringify(cleaned[name]));
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message} (got ${got(String(i.path[0]))})`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  if (e.DATABASE_OWNER_URL && !e.DATABASE_URL) {
    throw new ConfigError(
      'Invalid configuration:\n  DATABASE_OWNER_URL: only with DATABASE_URL (the embedded database creates its own roles)',
    );
  }
  if (e.NODE_ENV === 'production' && !e.SESSION_SECRET) {
    throw new ConfigError(
      'Invalid configuration:\n  SESSION_SECRET: required when NODE_ENV=production (at least 32 random characters, the same in every process)',
    );
  }
  const oidcVars = [e.OIDC_ISSUER, e.OIDC_CLIENT_ID, e.OIDC_CLIENT_SECRET];
  if (oidcVars.some(Boolean) && !oidcVars.every(Boolean)) {
    throw new ConfigError(
      'Invalid configuration:\n  OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET: single sign-on needs all three (or none)',
    );
  }
  if (e.PASSWORD_SIGN_IN_ROLES && !e.OIDC_ISSUER && ROLES.some((r) => !e.PASSWORD_SIGN_IN_ROLES?.includes(r))) {
    throw new ConfigError(
      `Invalid configuration:\n  PASSWORD_SIGN_IN_ROLES: without single sign-on (OIDC_ISSUER) the roles it leaves out (${ROLES.filter((r) => !e.PASSWORD_SIGN_IN_ROLES?.includes(r)).join(', ')}) could not sign in at all`,
    );
  }
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    databaseOwnerUrl: e.DATABASE_OWNER_URL,
    auditKey: e.AUDIT_KEY,
    auditCheckpointEmail: e.AUDIT_CHECKPOINT_EMAIL,
    sessionSecret: e.SESSION_SECRET,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM ?? `Kenes <no-reply@${new URL(e.PUBLIC_URL ?? 'http://localhost').hostname}>`,
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ''),
    logLevel: e.LOG_LEVEL,
    databasePoolSize: e.DATABASE_POOL_SIZE,
    metricsToken: e.METRICS_TOKEN,
    pageCacheMb: e.PAGE_CACHE_MB,
    workers: workersOf(e.WORKERS ?? '1'),
    backupDir: e.BACKUP_DIR ? path.resolve(e.BACKUP_DIR) : undefined,
    backupKeep: e.BACKUP_KEEP,
    backupPassphrase: e.BACKUP_PASSPHRASE,
    trustProxy: e.TRUST_PROXY === 'false' ? false : /^\d+$/.test(e.TRUST_PROXY) ? Number(e.TRUST_PROXY) : e.TRUST_PROXY,
    oidc:
      e.OIDC_ISSUER && e.OIDC_CLIENT_ID && e.OIDC_CLIENT_SECRET
        ? {
            issuer: e.OIDC_ISSUER,
            clientId: e.OIDC_CLIENT_ID,
            clientSecret: e.OIDC_CLIENT_SECRET,
            emailClaim: e.OIDC_EMAIL_CLAIM,
            name: Object.fromEntries(
              (['kk', 'ru', 'en'] as const).flatMap((lang) => {
                const name = e[`OIDC_NAME_${lang.toUpperCase() as 'KK' | 'RU' | 'EN'}`] ?? e.OIDC_NAME;
                return name ? [[lang, name]] : [];
              }),
            ),
          }
        : undefined,
    passwordSignInRoles: e.PASSWORD_SIGN_IN_ROLES ?? ROLES,
  };
}

/** WORKERS as a number: `auto` is one process per core the machine gives Node, at most 8. */
function workersOf(setting: string): number {
  return setting === 'auto' ? Math.min(8, os.availableParallelism()) : Number(setting);
}

/**
 * The `trustProxy` option for Fastify. A hop count becomes "the last N addresses are proxies"
 * (Fastify itself trusts no hop for a bare number): X-Forwarded-For is read from the right, so what
 * a client writes into the header itself lies further left and is never taken as its address.
 */
export function fastifyTrustProxy(
  trust: Config['trustProxy'] | undefined,
): false | string | ((addr: string, hop: number) => boolean) {
  if (!trust) return false;
  if (typeof trust === 'number') return (_addr, hop) => hop < trust;
  return trust;
}
