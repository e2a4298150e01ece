import type { Db } from '../core/db/database.ts';
import { DEMO_BODY, DEMO_MEETING, DEMO_ORGANISATIONS } from './content.ts';

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
    return true;
  });
}
