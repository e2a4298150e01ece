import { audit, systemActor } from '../core/audit.ts';
import { hashPassword } from '../core/auth/password.ts';
import type { Db } from '../core/db/database.ts';
import { DEMO_BODY, DEMO_MEETING, DEMO_ORGANISATIONS, DEMO_PASSWORD, DEMO_USERS } from './content.ts';

/**
 * Loads the demo content in one transaction. Idempotent: when the demo body already exists it
 * changes nothing and returns false.
 */
export async function seedDemo(db: Db): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    // Serialise concurrent seeders (two processes starting on one fresh database).
    await trx.selectNoFrom((eb) => eb.fn('pg_advisory_xact_lock', [eb.lit(4_205_197_302)]).as('l')).execute();
    const existing = await trx.selectFrom('bodies').select('id').where('slug', '=', DEMO_BODY.slug).executeTakeFirst();
    if (existing) return false;

    const orgIds = new Map<string, string>();
    for (const o of DEMO_ORGANISATIONS) {
      const parentId = o.parent ? orgIds.get(o.parent) : null;
      if (parentId === undefined) throw new Error(`demo: parent ${o.parent} must come before ${o.slug}`);
      const row = await trx
        .insertInto('organisations')
        .values({
          slug: o.slug,
          category: o.category,
          name: JSON.stringify(o.name),
          short_name: JSON.stringify(o.shortName ?? {}),
          website: o.website ?? null,
          parent_id: parentId,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      orgIds.set(o.slug, row.id);
    }
    const org = (slug: string) => {
      const id = orgIds.get(slug);
      if (!id) throw new Error(`demo: unknown organisation ${slug}`);
      return id;
    };

    const body = await trx
      .insertInto('bodies')
      .values({
        slug: DEMO_BODY.slug,
        name: JSON.stringify(DEMO_BODY.name),
        short_name: JSON.stringify(DEMO_BODY.shortName),
        description: JSON.stringify(DEMO_BODY.description),
        host_organisation_id: org(DEMO_BODY.host),
      })
      .returning('id')
      .executeTakeFirstOrThrow();

    await trx
      .insertInto('body_memberships')
      .values(
        DEMO_ORGANISATIONS.map((o) => ({
          body_id: body.id,
          organisation_id: org(o.slug),
          status: o.membership,
          since: DEMO_BODY.memberSince,
        })),
      )
      .execute();

    const m = DEMO_MEETING;
    const meeting = await trx
      .insertInto('meetings')
      .values({
        body_id: body.id,
        number: m.number,
        title: JSON.stringify(m.title),
        starts_at: m.startsAt,
        ends_at: m.endsAt,
        time_zone: m.timeZone,
        venue: JSON.stringify(m.venue),
        format: m.format,
        status: m.status,
      })
      .returning('id')
      .executeTakeFirstOrThrow();

    for (const [index, item] of m.agenda.entries()) {
      const row = await trx
        .insertInto('agenda_items')
        .values({
          meeting_id: meeting.id,
          position: index + 1,
          title: JSON.stringify(item.title),
          planned_minutes: item.plannedMinutes,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx
        .insertInto('agenda_presenters')
        .values(
          item.presenters.map((p, i) => ({
            agenda_item_id: row.id,
            organisation_id: org(p.organisation),
            role: p.role,
            position: i + 1,
          })),
        )
        .execute();
    }
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    for (const u of DEMO_USERS) {
      const person = await trx
        .insertInto('people')
        .values({ full_name: JSON.stringify({ [u.locale]: u.displayName }) })
        .returning('id')
        .executeTakeFirstOrThrow();
      const organisationId = u.organisation ? org(u.organisation) : null;
      if (organisationId)
        await trx.insertInto('positions').values({ person_id: person.id, organisation_id: organisationId }).execute();
      await trx
        .insertInto('users')
        .values({
          email: u.email,
          password_hash: passwordHash,
          display_name: u.displayName,
          role: u.role,
          organisation_id: organisationId,
          person_id: person.id,
          locale: u.locale,
        })
        .execute();
    }
    await audit(trx, systemActor('kenes seed-demo'), {
      entity: 'demo',
      entityId: DEMO_BODY.slug,
      action: 'load',
      after: { organisations: DEMO_ORGANISATIONS.length, users: DEMO_USERS.map((u) => u.email) },
    });
    return true;
  });
}

/** The demo sign-ins, if the demo accounts exist (printed at start). */
export async function demoSignIns(db: Db): Promise<{ email: string; role: string }[]> {
  const found = await db
    .selectFrom('users')
    .select(['email', 'role'])
    .where(
      'email',
      'in',
      DEMO_USERS.map((u) => u.email),
    )
    .execute();
  return DEMO_USERS.filter((u) => found.some((f) => f.email === u.email)).map((u) => ({
    email: u.email,
    role: u.role,
  }));
}
