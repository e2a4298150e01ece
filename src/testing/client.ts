import assert from 'node:assert/strict';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { CurrentUser } from '../core/auth/user.ts';
import { DEMO_PASSWORD, DEMO_USERS } from '../demo/content.ts';
import { errorsOf, parseHtml, textOf } from './html.ts';

/**
 * A browser for in-process requests: keeps cookies, fetches a CSRF token from a page before
 * posting a form, follows nothing by itself (tests look at each redirect).
 */
export class TestClient {
  readonly cookies = new Map<string, string>();
  private csrf: string | undefined;

  constructor(private app: FastifyInstance) {}

  /** The Cookie header this client sends (for hand-made requests: multipart, other methods). */
  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private keep(res: LightMyRequestResponse) {
    for (const c of res.cookies as { name: string; value: string; maxAge?: number; expires?: Date }[]) {
      const gone = c.maxAge === 0 || (c.expires && c.expires.getTime() < Date.now()) || c.value === '';
      if (gone) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    // A token is bound to the session: signing in or out makes the one at hand useless, as in a
    // browser, where the next form comes from a page loaded in the new session.
    if (res.cookies.some((c: { name: string }) => c.name === 'kenes_session')) this.csrf = undefined;
    const token = parseHtml(res.body).querySelector('input[name="_csrf"]')?.getAttribute('value');
    if (token) this.csrf = token;
    return res;
  }

  async get(url: string, headers: Record<string, string> = {}) {
    return this.keep(
      await this.app.inject({ method: 'GET', url, headers: { cookie: this.cookieHeader(), ...headers } }),
    );
  }

  /** Posts a form the way a browser does: urlencoded, with the page's CSRF token unless `_csrf` is given. */
  async post(
    url: string,
    form: Record<string, string>,
    opts: { csrf?: boolean; remoteAddress?: string; headers?: Record<string, string> } = {},
  ) {
    // Any page carries a form with a token; this one shows to visitors and signed-in users alike.
    if (opts.csrf !== false && !('_csrf' in form) && !this.csrf) await this.get('/en/password-reset');
    const body = new URLSearchParams({
      ...(opts.csrf === false ? {} : { _csrf: this.csrf ?? '' }),
      ...form,
    }).toString();
    return this.keep(
      await this.app.inject({
        method: 'POST',
        url,
        payload: body,
        headers: {
          cookie: this.cookieHeader(),
          'content-type': 'application/x-www-form-urlencoded',
          ...opts.headers,
        },
        ...(opts.remoteAddress ? { remoteAddress: opts.remoteAddress } : {}),
      }),
    );
  }

  /**
   * Posts a form (as `post`) and asserts the answer's status, e.g. 303 for a form that worked, 422 for
   * one shown again with its errors. A failure says what the page's error summary said.
   */
  async postExpect(status: number, url: string, form: Record<string, string>) {
    const res = await this.post(url, form);
    // The page is parsed for its error summary only when the status is not the one expected.
    if (res.statusCode !== status)
      assert.fail(
        `POST ${url} answered ${res.statusCode}, not ${status}: ${errorsOf(res.body) || res.body.slice(0, 300)}`,
      );
    return res;
  }

  /** A new client signed in as `email` (a demo account by default password). */
  static async signedIn(app: FastifyInstance, email: string, password = DEMO_PASSWORD): Promise<TestClient> {
    const c = new TestClient(app);
    await c.signIn(email, password);
    return c;
  }

  /** Signs in (as a demo account by default password); throws unless it worked. */
  async signIn(email: string, password = DEMO_PASSWORD, remember = false) {
    const res = await this.post('/en/sign-in', { email, password, ...(remember ? { remember: 'on' } : {}) });
    if (res.statusCode !== 303) throw new Error(`sign-in as ${email} failed: ${res.statusCode}`);
    return res;
  }
}

/**
 * Runs `check` as a visitor, then signed in as each demo user: with the client, the user as
 * can() sees them (null for the visitor), and who they are for assertion messages.
 */
export async function asEveryDemoUser(
  app: FastifyInstance,
  check: (c: TestClient, user: CurrentUser | null, who: string) => Promise<void>,
): Promise<void> {
  for (const u of [undefined, ...DEMO_USERS]) {
    const c = u ? await TestClient.signedIn(app, u.email) : new TestClient(app);
    const user = u
      ? {
          id: '0',
          email: u.email,
          displayName: '',
          role: u.role,
          organisationId: null,
          locale: u.locale,
          emailConfirmed: true,
        }
      : null;
    await check(c, user, u?.email ?? 'visitor');
  }
}

/** What a person (signed in as `email`) reads on their notifications page. */
export async function notificationsOf(app: FastifyInstance, email: string): Promise<string> {
  const page = await (await TestClient.signedIn(app, email)).get('/en/notifications');
  return textOf(parseHtml(page.body).querySelector('ul.notifications'));
}
