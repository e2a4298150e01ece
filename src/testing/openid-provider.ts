import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';
import { parseHtml } from './html.ts';

/** A person known to the test provider: what its UserInfo says about them. */
export interface ProviderAccount {
  email?: string;
  email_verified?: boolean;
  name?: string;
}

export interface TestProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  close(): Promise<void>;
}

/**
 * A real OpenID Provider (the `oidc-provider` package, certified by the OpenID Foundation) on
 * 127.0.0.1 and a free port, with one confidential client whose redirect URI is `redirectUri`, PKCE
 * required, and its development login and consent pages (any password; the login names the account).
 */
export async function startTestProvider(
  accounts: Record<string, ProviderAccount>,
  redirectUri: string,
): Promise<TestProvider> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const clientId = 'kenes';
  const clientSecret = 'a-client-secret-for-the-test-provider-only';
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [redirectUri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    pkce: { required: () => true },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    cookies: { keys: ['a-cookie-key-for-the-test-provider-only'] },
    features: { devInteractions: { enabled: true } },
    findAccount: (_ctx: unknown, sub: string) =>
      accounts[sub] ? { accountId: sub, claims: async () => ({ sub, ...accounts[sub] }) } : undefined,
  });
  server.on('request', provider.callback());
  return {
    issuer,
    clientId,
    clientSecret,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * A browser at the provider: follows its redirects, keeps its cookies, signs in as `login` on its
 * login page and consents (or cancels, with `cancel`), and stops at the first address outside the
 * provider: Kenes's callback, returned as a URL.
 */
export async function throughProvider(start: string, login: string, opts: { cancel?: boolean } = {}): Promise<URL> {
  const origin = new URL(start).origin;
  const jar = new Map<string, string>();
  let url = start;
  let body: URLSearchParams | undefined;
  for (let step = 0; step < 20; step++) {
    const res = await fetch(url, {
      method: body ? 'POST' : 'GET',
      redirect: 'manual',
      headers: {
        cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; '),
        ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      ...(body ? { body } : {}),
    });
    for (const c of res.headers.getSetCookie()) {
      const [pair = ''] = c.split(';');
      const eq = pair.indexOf('=');
      jar.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
    body = undefined;
    const location = res.headers.get('location');
    if (location) {
      const next = new URL(location, url);
      if (next.origin !== origin) return next;
      url = next.href;
      continue;
    }
    const html = await res.text();
    if (res.status !== 200) throw new Error(`the provider answered ${res.status}: ${html.slice(0, 500)}`);
    const form = parseHtml(html).querySelector('form');
    const prompt = form?.querySelector('input[name="prompt"]')?.getAttribute('value');
    if (!form || !prompt) throw new Error(`no login or consent form at ${url}: ${html.slice(0, 500)}`);
    if (opts.cancel) {
      // The development pages' "cancel" link: the provider answers Kenes with access_denied.
      const abort = parseHtml(html)
        .querySelectorAll('a')
        .map((a) => a.getAttribute('href') ?? '')
        .find((href) => href.includes('/abort'));
      if (!abort) throw new Error('no cancel link');
      url = new URL(abort, url).href;
      continue;
    }
    url = new URL(form.getAttribute('action') ?? '', url).href;
    body = new URLSearchParams(prompt === 'login' ? { prompt, login, password: 'any' } : { prompt });
  }
  throw new Error('the provider never sent the browser back');
}
