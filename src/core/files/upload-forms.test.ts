import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { useTestApp } from '../../testing/app.ts';
import { TestClient } from '../../testing/client.ts';
import { userByEmail } from '../../testing/data.ts';
import { parseHtml } from '../../testing/html.ts';

/*
 * The CSRF token never travels in a URL (where it reaches logs and Referer headers): every form's
 * action is checked on the pages that show forms, and every upload form carries the token as its
 * first field, which is where the streamed upload routes read it before the file.
 */

const t = useTestApp({ demo: true });

interface SeenForm {
  page: string;
  action: string;
  multipart: boolean;
  firstField: string;
  fields: Record<string, string>;
}

async function formsOn(c: TestClient, pages: string[]): Promise<SeenForm[]> {
  const seen: SeenForm[] = [];
  for (const page of pages) {
    const res = await c.get(page);
    assert.equal(res.statusCode, 200, page);
    for (const form of parseHtml(res.body).querySelectorAll('form')) {
      const fields: Record<string, string> = {};
      for (const input of form.querySelectorAll('input[type="hidden"]')) {
        fields[input.getAttribute('name') ?? ''] = input.getAttribute('value') ?? '';
      }
      seen.push({
        page,
        action: form.getAttribute('action') ?? '',
        multipart: form.getAttribute('enctype') === 'multipart/form-data',
        // The first control in document order, as a browser sends them.
        firstField: form.innerHTML.match(/<(?:input|select|textarea)\b[^>]*\bname="([^"]*)"/)?.[1] ?? '',
        fields,
      });
    }
  }
  return seen;
}

/** The pages that show each upload form: to staff, and to a proposal's authors. */
async function uploadPages() {
  const meetings = await t.db
    .selectFrom('meetings')
    .select('id')
    .where('status', 'in', ['draft', 'announced', 'postponed'])
    .execute();
  const cycles = await t.db.selectFrom('reporting_cycles').select('id').execute();
  const withProgress = await t.db
    .selectFrom('action_progress_reports as p')
    .innerJoin('implementation_actions as a', 'a.id', 'p.action_id')
    .select('a.recommendation_id as id')
    .where('a.recommendation_id', 'is not', null)
    .distinct()
    .limit(3)
    .execute();
  const ngo = await userByEmail(t.db, 'ngo@kenes.demo');
  const authored = await t.db
    .selectFrom('proposal_authors')
    .select('proposal_id as id')
    .where('organisation_id', '=', ngo.organisation_id ?? '0')
    .execute();
  return {
    staff: [
      ...meetings.map((m) => `/en/meetings/${m.id}`),
      ...cycles.map((c) => `/en/cycles/${c.id}`),
      ...withProgress.map((r) => `/en/recommendations/${r.id}`),
      '/en/mechanisms',
      '/en/recommendations/import',
    ],
    authors: authored.map((p) => `/en/proposals/${p.id}`),
  };
}

describe('the CSRF token is never in a URL', () => {
  test('no form action carries _csrf; every upload form sends the token first', async () => {
    const pages = await uploadPages();
    const staff = new TestClient(t.app);
    await staff.signIn('secretariat@kenes.demo');
    const ngo = new TestClient(t.app);
    await ngo.signIn('ngo@kenes.demo');
    const forms = [...(await formsOn(staff, pages.staff)), ...(await formsOn(ngo, pages.authors))];
    assert.deepEqual(
      forms.filter((f) => /_csrf/i.test(f.action)).map((f) => `${f.page}: ${f.action}`),
      [],
    );
    const uploads = forms.filter((f) => f.multipart);
    assert.deepEqual(
      uploads.filter((f) => f.firstField !== '_csrf' || !f.fields._csrf).map((f) => `${f.page}: ${f.action}`),
      [],
    );
    // Every upload route was seen, so the test covers each of them (a new one belongs in this list).
    const routes = new Set(uploads.map((f) => f.action.replace(/\/\d+/g, '/:id')));
    assert.deepEqual([...routes].sort(), [
      '/en/cycles/:id/documents/upload',
      '/en/mechanisms/ratifications',
      '/en/meetings/:id/documents',
      '/en/proposals/:id/attachments',
      '/en/recommendations/:id/progress/:id/files',
      '/en/recommendations/import',
    ]);
  });

  test('the meeting document form uploads as a browser sends it, token first', async () => {
    const staff = new TestClient(t.app);
    await staff.signIn('secretariat@kenes.demo');
    const meeting = await t.db
      .selectFrom('meetings')
      .select('id')
      .where('status', 'in', ['draft', 'announced', 'postponed'])
      .executeTakeFirstOrThrow();
    const [form] = (await formsOn(staff, [`/en/meetings/${meeting.id}`])).filter((f) => f.multipart);
    assert.ok(form);
    const part = (name: string, value: string) =>
      `--B\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
    const payload = `${Object.entries(form.fields)
      .map(([k, v]) => part(k, v))
      .join(
        '',
      )}${part('title_en', 'Agenda notes')}--B\r\nContent-Disposition: form-data; name="file"; filename="notes.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4\n%%EOF\r\n--B--\r\n`;
    const res = await t.app.inject({
      method: 'POST',
      url: form.action,
      payload,
      headers: {
        'content-type': 'multipart/form-data; boundary=B',
        cookie: staff.cookieHeader(),
      },
    });
    assert.equal(res.statusCode, 303);
  });
});
