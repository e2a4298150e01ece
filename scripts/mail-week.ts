/**
 * The e-mails a week of the demo's activity sends (issue 13, decision 0024), per role and per person:
 * BEFORE (everyone "at once", the old default) and AFTER (each kind's default per role). Each run is
 * a fresh database with the demo; the week is played through the app's own routes (proposals
 * submitted, registered, assigned, answered, followed, endorsed, implementation stages; the minutes
 * circulated, corrected, decided, approved; comments and replies) and the reminders' jobs, on a
 * virtual clock: each change's notifications are stamped with its virtual time, deadlines move a day
 * closer each virtual midnight, and the mail job runs every virtual hour and a few minutes after each
 * change. Run: npm run mail:week (DATABASE_URL: a server to create the two databases on; else embedded).
 */
import { sql } from 'kysely';
import { pino } from 'pino';
import { buildApp } from '../src/app.ts';
import { configureAudit } from '../src/core/audit.ts';
import { newAuditKey, parseAuditKeys } from '../src/core/audit-keys.ts';
import { createDb, type Db } from '../src/core/db/database.ts';
import { sendNotificationMail } from '../src/core/notifications/mail.ts';
import { seedDemo } from '../src/demo/seed.ts';
import { remindActionDeadlines } from '../src/obligations/jobs.ts';
import { remindAnswerDeadlines } from '../src/proposals/review/reminders.ts';
import { TestClient } from '../src/testing/client.ts';
import { benchDatabase } from './bench-database.ts';

const HOUR = 3_600_000;
const PUBLIC_URL = 'http://localhost:3000';
const TABLES = ['notices', 'notifications', 'comment_notifications'] as const;

type Clients = Record<'staff' | 'chair' | 'mia' | 'ngo' | 'ombudsman' | 'observer' | 'citizen', TestClient>;
/** One step of the week: at `hour` (from Monday 00:00), what someone does. */
interface Step {
  hour: number;
  what: string;
  run(c: Clients, s: State): Promise<void>;
}
interface State {
  db: Db;
  proposals: string[];
  meeting: string;
  comments: string[];
  address: number;
}

const ok = async (what: string, res: Promise<{ statusCode: number; body: string }>) => {
  const r = await res;
  if (r.statusCode >= 400) throw new Error(`${what}: ${r.statusCode} ${r.body.slice(0, 300)}`);
  return r as { statusCode: number; body: string; headers: Record<string, unknown> };
};
const day = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString().slice(0, 10);

/** The NGO drafts and submits a proposal to the ministry; its path. */
async function propose(c: Clients, s: State, title: string): Promise<string> {
  const mia = (await s.db.selectFrom('organisations').select('id').where('slug', '=', 'mia').executeTakeFirstOrThrow())
    .id;
  const created = await ok(
    'create',
    c.ngo.post('/en/proposals', { title_en: title, kind: 'amend_law', addresseeIds: mia, intent: 'save' }),
  );
  const url = String(created.headers.location);
  await ok('submit', c.ngo.post(`${url}/submit`, {}));
  s.proposals.push(url);
  return url;
}

async function comment(c: TestClient, s: State, url: string, body: string, parent?: string) {
  s.address += 1;
  const id = url.split('/').at(-1);
  const res = await ok(
    'comment',
    c.post(
      `/en/comments/proposal/${id}`,
      { body, lang: 'en', ...(parent ? { parent } : {}) },
      { remoteAddress: `203.0.113.${s.address}` },
    ),
  );
  s.comments.push(/#comment-(\d+)/.exec(String(res.headers.location))?.[1] ?? '');
}

const STAGES = ['drafted', 'government', 'mazhilis', 'senate', 'signed', 'in_force'];

/** The week: Monday to Sunday, in hours from Monday 00:00. */
const WEEK: Step[] = [
  {
    hour: 10,
    what: 'the NGO submits two proposals',
    run: async (c, s) => {
      await propose(c, s, 'Panic buttons in every custody cell');
      await propose(c, s, 'Independent medical examination on arrival');
    },
  },
  {
    hour: 11,
    what: 'the secretariat registers and assigns them to the ministry',
    run: async (c, s) => {
      for (const [i, url] of s.proposals.entries()) {
        await ok('register', c.staff.post(`${url}/register`, {}));
        await ok('assign', c.staff.post(`${url}/assign`, { deadline: day(i === 0 ? 20 : 5) }));
      }
    },
  },
  {
    hour: 14,
    what: 'the observer and the citizen follow the first; the ombudsman endorses it',
    run: async (c, s) => {
      const [p1] = s.proposals as [string];
      await ok('follow', c.observer.post(`${p1}/follow`, { follow: '1' }));
      await ok('follow', c.citizen.post(`${p1}/follow`, { follow: '1' }));
      await ok('endorse', c.ombudsman.post(`${p1}/endorse`, {}));
    },
  },
  {
    hour: 15,
    what: 'the citizen comments on it; the NGO replies',
    run: async (c, s) => {
      const [p1] = s.proposals as [string];
      await comment(c.citizen, s, p1, 'Cells in district stations too, please.');
      await comment(c.ngo, s, p1, 'Yes: every place of detention.', s.comments.at(-1));
    },
  },
  {
    hour: 24 + 10,
    what: 'the ministry answers the first proposal',
    run: async (c, s) => {
      await ok('answer', c.mia.post(`${s.proposals[0]}/answer`, { answer: 'accepted', reasons_en: 'We agree.' }));
    },
  },
  {
    hour: 24 + 12,
    what: 'the secretariat circulates the minutes',
    run: async (c, s) => {
      await ok('circulate', c.staff.post(`/en/meetings/${s.meeting}/minutes/circulate`, {}));
    },
  },
  {
    hour: 24 + 15,
    what: 'the NGO and the ombudsman propose corrections',
    run: async (c, s) => {
      const path = `/en/meetings/${s.meeting}/minutes/corrections`;
      await ok('correction', c.ngo.post(path, { text: 'Our full name, please.' }));
      await ok('correction', c.ombudsman.post(path, { text: 'The date of our report.' }));
    },
  },
  {
    hour: 48 + 10,
    what: 'the secretariat decides the corrections',
    run: async (c, s) => {
      const open = await s.db
        .selectFrom('minutes_corrections')
        .select('id')
        .where('meeting_id', '=', s.meeting)
        .where('status', '=', 'open')
        .execute();
      for (const r of open)
        await ok(
          'decide',
          c.staff.post(`/en/meetings/${s.meeting}/minutes/corrections/${r.id}`, { status: 'accepted' }),
        );
    },
  },
  {
    hour: 48 + 11,
    what: 'the chair approves the minutes',
    run: async (c, s) => {
      await ok('approve', c.chair.post(`/en/meetings/${s.meeting}/minutes/approve`, {}));
    },
  },
  {
    hour: 48 + 14,
    what: 'the secretariat records six implementation stages within a minute',
    run: async (c, s) => {
      for (const [i, stage] of STAGES.entries())
        await ok(
          'stage',
          c.staff.post(`${s.proposals[0]}/stages`, {
            stage,
            date: day(-30 + i),
            url: 'https://adilet.zan.kz/rus/docs/Z2600000001',
          }),
        );
    },
  },
  {
    hour: 48 + 16,
    what: 'the observer comments; the citizen replies',
    run: async (c, s) => {
      const [p1] = s.proposals as [string];
      await comment(c.observer, s, p1, 'UNDP can share the standards it used elsewhere.');
      await comment(c.citizen, s, p1, 'That would help.', s.comments.at(-1));
    },
  },
  {
    hour: 72 + 10,
    what: 'the NGO submits a third proposal; the secretariat registers and assigns it',
    run: async (c, s) => {
      const url = await propose(c, s, 'Video recording of every interrogation');
      await ok('register', c.staff.post(`${url}/register`, {}));
      await ok('assign', c.staff.post(`${url}/assign`, { deadline: day(4) }));
    },
  },
  {
    hour: 96 + 15,
    what: 'the ministry answers the third; the ombudsman endorses it',
    run: async (c, s) => {
      const p3 = s.proposals[2] as string;
      await ok('answer', c.mia.post(`${p3}/answer`, { answer: 'partly_accepted', reasons_en: 'In part.' }));
      await ok('endorse', c.ombudsman.post(`${p3}/endorse`, {}));
    },
  },
  {
    hour: 96 + 17,
    what: 'comments on the third',
    run: async (c, s) => {
      await comment(c.citizen, s, s.proposals[2] as string, 'Kept for how long?');
      await comment(c.ngo, s, s.proposals[2] as string, 'Five years, we propose.', s.comments.at(-1));
    },
  },
];

/** The newest id of each notification table (to stamp what a step wrote with its virtual time). */
async function lastIds(db: Db): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const table of TABLES) {
    const r = await sql<{ id: string }>`SELECT coalesce(max(id), 0)::text AS id FROM ${sql.table(table)}`.execute(db);
    out[table] = r.rows[0]?.id ?? '0';
  }
  return out;
}
async function stamp(db: Db, since: Record<string, string>, at: Date): Promise<void> {
  for (const table of TABLES)
    await sql`UPDATE ${sql.table(table)} SET created_at = ${at} WHERE id > ${since[table]}::bigint`.execute(db);
}

/** One week on a fresh database with the demo; `before`: everyone "at once", as before kinds. */
async function week(before: boolean): Promise<{ role: string; email: string; n: number }[]> {
  const database = await benchDatabase(before ? 'mail-week-before' : 'mail-week-after');
  const db = createDb(database.url, 4);
  try {
    await seedDemo(db);
    const app = await buildApp({
      config: { env: 'test', publicUrl: PUBLIC_URL },
      db,
      sessionSecret: 'mail-week-secret-mail-week-secret!!',
      logger: pino({ level: 'silent' }),
    });
    await app.ready();
    const sources = app.notificationSources;
    // What the demo left unmailed is not this week's.
    for (const table of TABLES)
      await sql`UPDATE ${sql.table(table)} SET emailed_at = now() WHERE emailed_at IS NULL`.execute(db);
    if (before)
      await sql`INSERT INTO notification_choices (user_id, kind, choice)
        SELECT id, '*', 'immediately' FROM users ON CONFLICT (user_id, kind) DO UPDATE SET choice = 'immediately'`.execute(
        db,
      );
    // The minutes of the demo's meeting go round again, as in the week they were written.
    const meeting = await db
      .selectFrom('meetings')
      .select('id')
      .where('status', 'in', ['minutes_approved', 'published'])
      .orderBy('id')
      .executeTakeFirstOrThrow();
    await db.updateTable('meetings').set({ status: 'held' }).where('id', '=', meeting.id).execute();
    const signIn = (email: string) => TestClient.signedIn(app, email);
    const c: Clients = {
      staff: await signIn('secretariat@kenes.demo'),
      chair: await signIn('chair@kenes.demo'),
      mia: await signIn('mia@kenes.demo'),
      ngo: await signIn('ngo@kenes.demo'),
      ombudsman: await signIn('ombudsman@kenes.demo'),
      observer: await signIn('observer@kenes.demo'),
      citizen: await signIn('citizen@kenes.demo'),
    };
    const firstMail = await lastIdOf(db, 'email_outbox');
    const firstIds = await lastIds(db);
    const s: State = { db, proposals: [], meeting: meeting.id, comments: [], address: 0 };
    const monday = new Date(Math.floor(Date.now() / HOUR) * HOUR);
    const at = (hour: number) => new Date(monday.getTime() + hour * HOUR);
    const mail = (hour: number) => sendNotificationMail(db, sources, PUBLIC_URL, { now: at(hour) });
    for (let hour = 0; hour < 7 * 24; hour++) {
      if (hour > 0 && hour % 24 === 0) {
        // Midnight: every deadline is a day closer (the reminders read current_date).
        await sql`UPDATE proposal_addressees SET deadline = deadline - 1 WHERE deadline IS NOT NULL`.execute(db);
        await sql`UPDATE implementation_actions SET deadline = deadline - 1 WHERE deadline IS NOT NULL`.execute(db);
      }
      if (hour % 24 === 9) {
        const since = await lastIds(db);
        await remindAnswerDeadlines(db);
        await remindActionDeadlines(db);
        await stamp(db, since, at(hour));
      }
      for (const step of WEEK.filter((w) => w.hour === hour)) {
        const since = await lastIds(db);
        await step.run(c, s);
        await stamp(db, since, at(hour));
        await mail(hour + 4 / 60);
      }
      await mail(hour + 1);
    }
    const rows = await sql<{ role: string; email: string; n: string }>`
      SELECT u.role::text AS role, u.email, count(m.id)::text AS n
        FROM users u LEFT JOIN email_outbox m ON m.to_address = u.email AND m.id > ${firstMail}::bigint
       WHERE u.email LIKE '%@kenes.demo'
       GROUP BY 1, 2 ORDER BY 1, 2`.execute(db);
    if (!before) {
      // What the week told people of, by kind (the same in both runs): notifications, not e-mails.
      const kinds = await sql<{ kind: string; n: string }>`
        SELECT kind, count(*)::text AS n FROM (
          SELECT kind FROM notices WHERE id > ${firstIds.notices}::bigint
          UNION ALL SELECT kind FROM notifications WHERE id > ${firstIds.notifications}::bigint
          UNION ALL SELECT 'comment-' || event FROM comment_notifications WHERE id > ${firstIds.comment_notifications}::bigint
        ) k GROUP BY 1 ORDER BY count(*) DESC, 1`.execute(db);
      console.log('notifications written in the week, by kind:');
      for (const k of kinds.rows) console.log(`  ${k.kind.padEnd(30)}${k.n.padStart(4)}`);
      console.log();
    }
    await app.close();
    return rows.rows.map((r) => ({ role: r.role, email: r.email, n: Number(r.n) }));
  } finally {
    await db.destroy();
    await database.done();
  }
}

async function lastIdOf(db: Db, table: 'email_outbox'): Promise<string> {
  const r = await sql<{ id: string }>`SELECT coalesce(max(id), 0)::text AS id FROM ${sql.table(table)}`.execute(db);
  return r.rows[0]?.id ?? '0';
}

configureAudit({ keyring: parseAuditKeys(newAuditKey(), 'simulation') });
const before = await week(true);
const after = await week(false);
console.log('E-mails a week of the demo sends (%d steps, mail job hourly and after each step)\n', WEEK.length);
console.log('person                    role             before  after');
for (const b of before) {
  const a = after.find((x) => x.email === b.email)?.n ?? 0;
  console.log(`${b.email.padEnd(26)}${b.role.padEnd(17)}${String(b.n).padStart(6)}${String(a).padStart(7)}`);
}
const total = (rows: { n: number }[]) => rows.reduce((sum, r) => sum + r.n, 0);
console.log(`${'total'.padEnd(43)}${String(total(before)).padStart(6)}${String(total(after)).padStart(7)}`);
const roles = [...new Set(before.map((r) => r.role))];
console.log('\nper role: before → after');
for (const role of roles) {
  const of = (rows: typeof before) => total(rows.filter((r) => r.role === role));
  console.log(`  ${role.padEnd(16)}${of(before)} → ${of(after)}`);
}
