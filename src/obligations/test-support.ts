import { sql } from 'kysely';
import type { Db } from '../core/db/database.ts';
import type { TestApp } from '../testing/app.ts';
import type { TestClient } from '../testing/client.ts';

/*
 * What the obligations tests share: the people the demo lacks, signed-in clients, ids by name, and
 * multipart uploads. Test support only (src/testing is imported for its types: the test passes its
 * app and a way to make a client).
 */

/** Representatives the demo lacks: another ministry, the ombudsman (NHRI), an international partner. */
export async function addRepresentatives(db: Db): Promise<void> {
  for (const [email, slug] of [
    ['education@kenes.test', 'ministry-of-education'],
    ['ombudsman@kenes.test', 'ombudsman'],
    ['osce@kenes.test', 'osce'],
  ] as const) {
    await sql`INSERT INTO users (email, password_hash, display_name, role, organisation_id, locale)
      SELECT ${email}, password_hash, ${email}, 'representative', (SELECT id FROM organisations WHERE slug = ${slug}), 'en'
        FROM users WHERE email = 'mia@kenes.demo'`.execute(db);
  }
}

export const orgId = async (db: Db, slug: string) =>
  (await db.selectFrom('organisations').select('id').where('slug', '=', slug).executeTakeFirstOrThrow()).id;
export const mechanismId = async (db: Db, code: string) =>
  (await db.selectFrom('mechanisms').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;
export const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
export const idFrom = (location: unknown) => String(location).split('/')[3]?.split('#')[0] ?? '';

/**
 * Signed-in clients, kept: sign-in is rate-limited per address (30 a minute), as in production.
 * Without an address, a visitor.
 */
export function clients(newClient: () => TestClient): (email?: string) => Promise<TestClient> {
  const signedIn = new Map<string, TestClient>();
  return async (email?: string) => {
    if (!email) return newClient();
    const known = signedIn.get(email);
    if (known) return known;
    const c = newClient();
    await c.signIn(email);
    signedIn.set(email, c);
    return c;
  };
}

const pdf = '%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n';
/** Posts a file (a small PDF unless `file` says otherwise) with `fields`, as the page's form would. */
export async function upload(
  t: TestApp,
  c: TestClient,
  pageUrl: string,
  url: string,
  fields: Record<string, string>,
  file = pdf,
) {
  const csrf = (await c.get(pageUrl)).body.match(/name="_csrf" value="([^"]+)"/)?.[1] ?? '';
  const parts = Object.entries({ _csrf: csrf, ...fields }).map(
    ([k, v]) => `--B\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`,
  );
  const payload = `${parts.join('')}--B\r\nContent-Disposition: form-data; name="file"; filename="evidence.pdf"\r\nContent-Type: application/pdf\r\n\r\n${file}\r\n--B--\r\n`;
  return t.app.inject({
    method: 'POST',
    url,
    payload,
    headers: { 'content-type': 'multipart/form-data; boundary=B', cookie: c.cookieHeader() },
  });
}

/**
 * The helpers of an obligations test file, bound to its app: kept signed-in clients (`newClient`
 * makes a visitor), ids by name, uploads.
 */
export function supportFor(t: TestApp, newClient: () => TestClient) {
  return {
    client: clients(newClient),
    orgId: (slug: string) => orgId(t.db, slug),
    mechanismId: (code: string) => mechanismId(t.db, code),
    upload: (c: TestClient, pageUrl: string, url: string, fields: Record<string, string>, file?: string) =>
      upload(t, c, pageUrl, url, fields, file),
  };
}
