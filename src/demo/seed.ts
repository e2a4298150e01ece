import fs from 'node:fs';
import { audit, systemActor } from '../core/audit.ts';
import { hashPassword } from '../core/auth/password.ts';
import type { Db } from '../core/db/database.ts';
import type { MinutesContent } from '../core/db/schema.ts';
import type { Translated } from '../core/i18n/translated.ts';
import { syncSearch } from '../core/search/indexer.ts';
import { DOMAINS } from '../domains.ts';
import { draftCommuniqueAll } from '../meetings/communique/draft.ts';
import { buildCommuniqueRecord } from '../meetings/communique/record.ts';
import { insertDecision, insertDecisionTask } from '../meetings/decisions/queries.ts';
import { meetingById } from '../meetings/queries.ts';
import { zonedToUtc } from '../meetings/time.ts';
import { addPerson as insertPerson } from '../organisations/index.ts';
import { addThemesAndAct } from '../proposals/drafting/use-cases.ts';
import {
  DEMO_ATTENDING,
  DEMO_BODY,
  DEMO_CHAIR,
  DEMO_COMMUNIQUE_EN_TITLE,
  DEMO_DECISIONS,
  DEMO_DELEGATE_NAME,
  DEMO_MEETING,
  DEMO_MINUTES,
  DEMO_ORGANISATIONS,
  DEMO_PASSWORD,
  DEMO_PROPOSALS,
  DEMO_SECRETARY,
  DEMO_UPCOMING,
  DEMO_USERS,
  type DemoAgendaItem,
} from './content.ts';
import { lookup } from './lookup.ts';
import { seedObligations } from './obligations.ts';

// The source document, kept in the project (it is public news text) so the demo needs nothing outside.
const SOURCE_COMMUNIQUE = new URL('./source-communique.txt', import.meta.url);

/**
 * Loads the demo content in one transaction, then indexes it for search (the tracker and the explorer
 * search through the index, so it must not wait for the job). Idempotent: when the demo body already
 * exists it changes nothing and returns false.
 */
export async function seedDemo(db: Db): Promise<boolean> {
  const loaded = await loadDemo(db);
  if (loaded)
    await syncSearch(
      db,
      DOMAINS.flatMap((d) => d.searchable ?? []),
      { full: true },
    );
  return loaded;
}

function loadDemo(db: Db): Promise<boolean> {
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
    const org = lookup(orgIds, 'organisation');

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

    const itemIds = await addAgenda(trx, meeting.id, m.agenda, org);
    await seedMeetingRecord(trx, { bodyId: body.id, meetingId: meeting.id, itemIds, org });
    await seedUpcomingMeeting(trx, { bodyId: body.id, org });

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
    await seedProposals(trx, { meetingId: meeting.id, itemIds, org });
    await seedObligations(trx, { org, itemIds });

    await audit(trx, systemActor('kenes seed-demo'), {
      entity: 'demo',
      entityId: DEMO_BODY.slug,
      action: 'load',
      after: { organisations: DEMO_ORGANISATIONS.length, users: DEMO_USERS.map((u) => u.email) },
    });
    return true;
  });
}

/** A meeting's agenda items in order, each with its presenters; their ids, in that order. */
async function addAgenda(
  trx: Db,
  meetingId: string,
  agenda: readonly DemoAgendaItem[],
  org: (slug: string) => string,
): Promise<string[]> {
  const itemIds: string[] = [];
  for (const [index, item] of agenda.entries()) {
    const row = await trx
      .insertInto('agenda_items')
      .values({
        meeting_id: meetingId,
        position: index + 1,
        title: JSON.stringify(item.title),
        planned_minutes: item.plannedMinutes,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    itemIds.push(row.id);
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
  return itemIds;
}

/** A person of the demo, in a position held since 2013. */
const addPerson = (trx: Db, name: Translated, organisationId: string, title: Translated = {}): Promise<string> =>
  insertPerson(trx, name, organisationId, { title, since: '2013-01-01' });

/**
 * The source meeting in full: chair and secretary, invitations answered, the register, approved
 * minutes, decisions with tasks, and the published communiqué (English as published; Kazakh and
 * Russian drafted by Kenes from the record).
 */
async function seedMeetingRecord(
  trx: Db,
  {
    bodyId,
    meetingId,
    itemIds,
    org,
  }: { bodyId: string; meetingId: string; itemIds: string[]; org: (slug: string) => string },
) {
  const chair = await addPerson(trx, DEMO_CHAIR.name, org(DEMO_CHAIR.organisation), DEMO_CHAIR.position);
  const secretary = await addPerson(trx, DEMO_SECRETARY.name, org(DEMO_SECRETARY.organisation));
  await trx
    .updateTable('meetings')
    .set({ chair_person_id: chair, secretary_person_id: secretary })
    .where('id', '=', meetingId)
    .execute();

  const organisation = lookup(new Map(DEMO_ORGANISATIONS.map((o) => [o.slug, o])), 'organisation');
  await trx
    .insertInto('meeting_invitations')
    .values(
      DEMO_ORGANISATIONS.map((o) => ({
        meeting_id: meetingId,
        organisation_id: org(o.slug),
        role: o.membership,
        response: DEMO_ATTENDING.includes(o.slug) ? ('confirmed' as const) : ('declined' as const),
        responded_at: DEMO_MEETING.startsAt,
      })),
    )
    .execute();
  await trx
    .insertInto('attendance')
    .values({
      meeting_id: meetingId,
      person_id: chair,
      organisation_id: org('mfa'),
      role: 'member',
      presence: 'present',
    })
    .execute();
  for (const slug of DEMO_ATTENDING) {
    const o = organisation(slug);
    const short = (l: 'kk' | 'ru' | 'en') => o.shortName?.[l] ?? o.name[l];
    const person = await addPerson(
      trx,
      {
        kk: DEMO_DELEGATE_NAME.kk(short('kk')),
        ru: DEMO_DELEGATE_NAME.ru(short('ru')),
        en: DEMO_DELEGATE_NAME.en(short('en')),
      },
      org(slug),
    );
    const presents = DEMO_MEETING.agenda.some((a) => a.presenters.some((p) => p.organisation === slug));
    await trx
      .insertInto('attendance')
      .values({
        meeting_id: meetingId,
        person_id: person,
        organisation_id: org(slug),
        role: presents ? 'presenter' : o.membership,
        presence: 'present',
      })
      .execute();
  }

  const content: MinutesContent = { items: {} };
  for (const [i, id] of itemIds.entries()) {
    const minutes = DEMO_MINUTES[i];
    if (!minutes) continue;
    const decisions = DEMO_DECISIONS.filter((d) => d.item === i).map((d) => d.text);
    content.items[id] = { ...minutes, ...(decisions[0] ? { decisions: decisions[0] } : {}) };
  }
  await trx
    .insertInto('minutes_versions')
    .values({ meeting_id: meetingId, version: 1, content: JSON.stringify(content), note: 'Approved by the chair' })
    .execute();

  for (const d of DEMO_DECISIONS) {
    const decisionId = await insertDecision(trx, meetingId, { text: d.text, agendaItemId: itemIds[d.item] });
    await insertDecisionTask(
      trx,
      { id: decisionId, meetingId },
      {
        description: d.task.description,
        organisationId: org(d.task.organisation),
        deadline: d.task.deadline,
        doneOn: d.task.done ? d.task.deadline : null,
      },
    );
  }

  const detail = await meetingById(trx, meetingId);
  if (!detail) throw new Error('demo: meeting vanished');
  const draft = draftCommuniqueAll(await buildCommuniqueRecord(trx, detail));
  const source = fs
    .readFileSync(SOURCE_COMMUNIQUE, 'utf8')
    .replace(/\s*Comments powered by.*$/s, '')
    .trim();
  const english = source;
  await trx
    .insertInto('communiques')
    .values({
      meeting_id: meetingId,
      title: JSON.stringify({ ...draft.title, en: DEMO_COMMUNIQUE_EN_TITLE }),
      body: JSON.stringify({ ...draft.body, en: english }),
      published_at: '2021-10-18T09:00:00+06:00',
    })
    .execute();
  void bodyId;
}

/** The next meeting, announced, a fortnight ahead (relative to when the demo is loaded). */
async function seedUpcomingMeeting(trx: Db, { bodyId, org }: { bodyId: string; org: (slug: string) => string }) {
  const u = DEMO_UPCOMING;
  const day = new Date(Date.now() + u.daysAhead * 86_400_000).toISOString().slice(0, 10);
  const startsAt = zonedToUtc(`${day}T${u.localTime}`, 'Asia/Almaty');
  if (!startsAt) throw new Error('demo: bad upcoming date');
  const meeting = await trx
    .insertInto('meetings')
    .values({
      body_id: bodyId,
      number: 2,
      title: JSON.stringify(u.title),
      starts_at: startsAt,
      ends_at: new Date(startsAt.getTime() + 3 * 3_600_000),
      time_zone: 'Asia/Almaty',
      venue: JSON.stringify(u.venue),
      online_url: u.onlineUrl,
      format: 'hybrid',
      status: 'announced',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await addAgenda(trx, meeting.id, u.agenda, org);
  await trx
    .insertInto('meeting_invitations')
    .values(
      DEMO_ORGANISATIONS.map((o) => ({ meeting_id: meeting.id, organisation_id: org(o.slug), role: o.membership })),
    )
    .execute();
}

/** The proposals of the source meeting, at different stages, with their timelines. */
async function seedProposals(
  trx: Db,
  { meetingId, itemIds, org }: { meetingId: string; itemIds: string[]; org: (slug: string) => string },
) {
  const themes = await trx.selectFrom('themes').select(['id', 'slug']).execute();
  const day = 86_400_000;
  for (const p of DEMO_PROPOSALS) {
    const submitted = new Date(DEMO_MEETING.startsAt);
    const row = await trx
      .insertInto('proposals')
      .values({
        title: JSON.stringify(p.title),
        body: JSON.stringify(p.body),
        kind: p.kind,
        status: p.status,
        meeting_id: meetingId,
        agenda_item_id: itemIds[p.agendaItem] ?? null,
        submitted_at: submitted,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('proposal_authors')
      .values(p.authors.map((a) => ({ proposal_id: row.id, organisation_id: org(a) })))
      .execute();
    await addThemesAndAct(trx, row.id, {
      themeIds: themes.filter((t) => p.themes.includes(t.slug)).map((t) => t.id),
      legalAct: p.act && { ...p.act, article: p.act.article || undefined },
    });
    const deadline =
      p.deadlineDaysAgo === null ? null : new Date(Date.now() - p.deadlineDaysAgo * day).toISOString().slice(0, 10);
    const events: { kind: string; detail: Record<string, unknown>; at: Date }[] = [
      { kind: 'submitted', detail: {}, at: submitted },
    ];
    if (p.status !== 'submitted') {
      events.push({ kind: 'registered', detail: {}, at: new Date(submitted.getTime() + 3 * day) });
      const names = p.addressees.map((a) => DEMO_ORGANISATIONS.find((o) => o.slug === a.organisation)?.name ?? {});
      events.push({
        kind: 'assigned',
        detail: { bodies: names, deadline },
        at: new Date(submitted.getTime() + 4 * day),
      });
    }
    for (const a of p.addressees) {
      await trx
        .insertInto('proposal_addressees')
        .values({
          proposal_id: row.id,
          organisation_id: org(a.organisation),
          deadline,
          answer: a.answer,
          reasons: JSON.stringify(a.reasons),
          answered_at: a.answer ? new Date(submitted.getTime() + 25 * day) : null,
        })
        .execute();
      if (a.answer) {
        events.push({
          kind: 'answered',
          detail: { body: DEMO_ORGANISATIONS.find((o) => o.slug === a.organisation)?.name ?? {}, answer: a.answer },
          at: new Date(submitted.getTime() + 25 * day),
        });
      }
    }
    for (const [i, stage] of ('stages' in p && p.stages ? p.stages : []).entries()) {
      const reached = new Date(submitted.getTime() + (60 + i * 90) * day);
      await trx
        .insertInto('proposal_stages')
        .values({ proposal_id: row.id, stage, reached_on: reached.toISOString().slice(0, 10) })
        .execute();
      events.push({ kind: 'stage', detail: { stage }, at: reached });
    }
    await trx
      .insertInto('proposal_events')
      .values(
        events.map((e) => ({
          proposal_id: row.id,
          at: e.at,
          actor_name: 'Kenes demo',
          kind: e.kind,
          detail: JSON.stringify(e.detail),
        })),
      )
      .execute();
  }
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
