import { type RawBuilder, sql } from 'kysely';
import { z } from 'zod';
import { audit, userActor } from '../audit.ts';
import type { CurrentUser } from '../auth/user.ts';
import type { Db } from '../db/database.ts';
import type { Role } from '../db/schema-accounts.ts';
import type { MailChoice } from '../db/schema-platform.ts';
import type { NotificationKind, NotificationSource } from '../extensions.ts';

/*
 * Each person's choice of e-mail per kind of notification (issue 13, decision 0024). The kinds are
 * declared by the notification sources (NotificationSource.kinds), each with a default and defaults
 * per role; a person's own choice is a row of notification_choices, and '*' is the one choice made
 * before there were kinds, standing for every kind not chosen for since. One SQL expression
 * (`choiceOf`) resolves it, so the mail job, the settings page and comments agree.
 */

export const MAIL_CHOICES = ['immediately', 'daily', 'weekly', 'never'] as const satisfies readonly MailChoice[];

/** Every source's kinds, in the sources' order; a key declared twice is an error (as for messages). */
export function notificationKinds(sources: readonly NotificationSource[]): NotificationKind[] {
  const seen = new Map<string, string>();
  for (const s of sources)
    for (const k of s.kinds) {
      const other = seen.get(k.key);
      if (other) throw new Error(`notification kind "${k.key}" declared by ${other} and ${s.kind}`);
      seen.set(k.key, s.kind);
    }
  return sources.flatMap((s) => s.kinds);
}

/** The choice of a person of this role who has chosen nothing. */
export function defaultChoice(kind: NotificationKind, role: Role): MailChoice {
  return kind.byRole?.[role] ?? kind.default;
}

/** The kinds a person of this role can receive (the settings page offers those). */
export function kindsFor(kinds: readonly NotificationKind[], role: Role): NotificationKind[] {
  return kinds.filter((k) => !k.roles || k.roles.includes(role));
}

/** The kinds' defaults as SQL rows (kind, role or null for everyone, choice). */
function defaultsTable(kinds: readonly NotificationKind[]): RawBuilder<unknown> {
  const rows = kinds.flatMap((k) => [
    sql`(${k.key}, NULL::text, ${k.default})`,
    ...Object.entries(k.byRole ?? {}).map(([role, choice]) => sql`(${k.key}, ${role}::text, ${choice})`),
  ]);
  if (rows.length === 0) return sql`(SELECT NULL::text, NULL::text, NULL::text WHERE false)`;
  return sql`(VALUES ${sql.join(rows)})`;
}

/**
 * SQL of a person's choice for a kind: their own, else their '*' choice, else the kind's default for
 * their role, else the kind's default; a kind no source declares any more: at once.
 * `user` and `role` are SQL of the person's id and role, `kind` of the kind.
 */
export function choiceOf(
  kinds: readonly NotificationKind[],
  user: RawBuilder<unknown>,
  role: RawBuilder<unknown>,
  kind: RawBuilder<unknown>,
): RawBuilder<MailChoice> {
  const defaults = defaultsTable(kinds);
  return sql<MailChoice>`COALESCE(
    (SELECT c.choice FROM notification_choices c WHERE c.user_id = ${user} AND c.kind = ${kind}),
    (SELECT c.choice FROM notification_choices c WHERE c.user_id = ${user} AND c.kind = '*'),
    (SELECT d.choice FROM ${defaults} AS d (kind, role, choice) WHERE d.kind = ${kind} AND d.role = ${role}::text),
    (SELECT d.choice FROM ${defaults} AS d (kind, role, choice) WHERE d.kind = ${kind} AND d.role IS NULL),
    'immediately')`;
}

/** These people's choices for one kind (comments mail "at once" readers themselves). One query. */
export async function choicesFor(
  db: Db,
  userIds: readonly string[],
  kind: NotificationKind,
): Promise<Map<string, MailChoice>> {
  if (userIds.length === 0) return new Map();
  const rows = await sql<{ id: string; choice: MailChoice }>`
    SELECT u.id::text AS id, ${choiceOf([kind], sql`u.id`, sql`u.role`, sql`${kind.key}::text`)} AS choice
      FROM users u WHERE u.id = ANY (${[...userIds]}::bigint[])`.execute(db);
  return new Map(rows.rows.map((r) => [r.id, r.choice]));
}

/** A person's choice for each kind offered to them (the settings page). One query. */
export async function mailChoices(
  db: Db,
  user: CurrentUser,
  kinds: readonly NotificationKind[],
): Promise<Record<string, MailChoice>> {
  const offered = kindsFor(kinds, user.role);
  if (offered.length === 0) return {};
  const keys = offered.map((k) => k.key);
  const rows = await sql<{ kind: string; choice: MailChoice }>`
    SELECT k.kind, ${choiceOf(offered, sql`u.id`, sql`u.role`, sql`k.kind`)} AS choice
      FROM users u CROSS JOIN unnest(${keys}::text[]) AS k (kind) WHERE u.id = ${user.id}`.execute(db);
  return Object.fromEntries(rows.rows.map((r) => [r.kind, r.choice]));
}

/** The settings form: one choice per kind offered to the person, each required. */
export function mailChoicesInput(kinds: readonly NotificationKind[]) {
  return z.object(
    Object.fromEntries(kinds.map((k) => [k.key, z.enum(MAIL_CHOICES, { error: 'validation.choice' })])),
  ) as z.ZodType<Record<string, MailChoice>>;
}

/** Saves a person's choices (one per kind offered; the old single choice gives way), audited, in one transaction. */
export async function saveMailChoices(db: Db, user: CurrentUser, choices: Record<string, MailChoice>): Promise<void> {
  const entries = Object.entries(choices);
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('notification_choices').where('user_id', '=', user.id).execute();
    if (entries.length > 0)
      await trx
        .insertInto('notification_choices')
        .values(entries.map(([kind, choice]) => ({ user_id: user.id, kind, choice })))
        .execute();
    await audit(trx, userActor(user), { entity: 'user', entityId: user.id, action: 'notify', after: choices });
  });
}

/** Sets one person's choice for one kind ('*': every kind not chosen for), without audit: for tests and scripts. */
export async function setMailChoice(db: Db, userId: string, kind: string, choice: MailChoice): Promise<void> {
  await db
    .insertInto('notification_choices')
    .values({ user_id: userId, kind, choice })
    .onConflict((oc) => oc.columns(['user_id', 'kind']).doUpdateSet({ choice }))
    .execute();
}
