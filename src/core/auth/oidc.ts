import * as client from 'openid-client';
import type { Lang } from '../i18n/locales.ts';

/** Single sign-on with an OpenID Provider (decision 0023): the protocol only; accounts decides who may enter. */

/** How Kenes reaches the organisation's OpenID Provider (OIDC_* variables). */
export interface OidcSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The claim holding the user's e-mail address ('email' unless OIDC_EMAIL_CLAIM says otherwise). */
  emailClaim: string;
  /** The provider's name on the button, per language; absent: a generic label. */
  name: Partial<Record<Lang, string>>;
}

/**
 * What the callback must find again: kept in a signed, HttpOnly, ten-minute cookie of the browser
 * that started the sign-in (never in process memory: the callback may reach another process).
 */
export interface OidcChecks {
  state: string;
  nonce: string;
  verifier: string;
  /** Where to go afterwards, and the language to answer in. */
  next: string;
  lang: Lang;
  /** Milliseconds since the epoch, when the sign-in started. */
  startedAt: number;
}

/** What the provider says about the person, once the response has been verified. */
export interface OidcIdentity {
  subject: string;
  email: string | undefined;
  emailVerified: boolean;
}

/** Why a sign-in with the provider did not complete. */
export class OidcError extends Error {
  override name = 'OidcError';
  constructor(
    /** unreachable: no answer from the provider; cancelled: the provider answered with an error
     * (the user cancelled, or was not allowed); invalid: a response that does not verify (state,
     * nonce, signature, an expired or replayed code). */
    readonly kind: 'unreachable' | 'cancelled' | 'invalid',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** A sign-in started ten minutes ago or more is refused at the callback. */
export const OIDC_CHECKS_MAX_AGE_S = 600;

/** The one client of a process: discovery is cached (an hour), keys are fetched by openid-client as they rotate. */
export interface OidcClient {
  readonly settings: OidcSettings;
  /** The provider's authorization address for a new sign-in, and what its callback must check. */
  start(redirectUri: string, next: string, lang: Lang): Promise<{ url: string; checks: OidcChecks }>;
  /** Verifies the callback (state, PKCE, ID token and nonce) and returns who signed in. */
  finish(callbackUrl: URL, checks: OidcChecks): Promise<OidcIdentity>;
}

const DISCOVERY_TTL_MS = 3_600_000;

/** A client for `settings`; nothing is fetched until the first sign-in. */
export function oidcClient(settings: OidcSettings, opts: { timeoutMs?: number } = {}): OidcClient {
  let discovered: { at: number; config: Promise<client.Configuration> } | undefined;
  const configuration = (): Promise<client.Configuration> => {
    if (!discovered || Date.now() - discovered.at > DISCOVERY_TTL_MS) {
      const config = client
        .discovery(
          new URL(settings.issuer),
          settings.clientId,
          undefined,
          // client_secret_basic: the method every provider accepts by default (OpenID Connect Core 9).
          client.ClientSecretBasic(settings.clientSecret),
          {
            timeout: Math.ceil((opts.timeoutMs ?? 10_000) / 1000),
            // Plain http only for a provider on this machine (config.ts refuses any other).
            ...(new URL(settings.issuer).protocol === 'http:' ? { execute: [client.allowInsecureRequests] } : {}),
          },
        )
        .catch((err: unknown) => {
          discovered = undefined; // try again on the next sign-in, not in an hour
          throw new OidcError('unreachable', `discovery of ${settings.issuer} failed`, { cause: err });
        });
      discovered = { at: Date.now(), config };
    }
    return discovered.config;
  };

  return {
    settings,
    async start(redirectUri, next, lang) {
      const config = await configuration();
      const checks: OidcChecks = {
        state: client.randomState(),
        nonce: client.randomNonce(),
        verifier: client.randomPKCECodeVerifier(),
        next,
        lang,
        startedAt: Date.now(),
      };
      const url = client.buildAuthorizationUrl(config, {
        redirect_uri: redirectUri,
        scope: 'openid email profile',
        state: checks.state,
        nonce: checks.nonce,
        code_challenge: await client.calculatePKCECodeChallenge(checks.verifier),
        code_challenge_method: 'S256',
        ui_locales: lang,
      });
      return { url: url.href, checks };
    },
    async finish(callbackUrl, checks) {
      if (Date.now() - checks.startedAt > OIDC_CHECKS_MAX_AGE_S * 1000) {
        throw new OidcError('invalid', 'the sign-in started too long ago');
      }
      const config = await configuration();
      try {
        const tokens = await client.authorizationCodeGrant(config, callbackUrl, {
          expectedState: checks.state,
          expectedNonce: checks.nonce,
          pkceCodeVerifier: checks.verifier,
          idTokenExpected: true,
        });
        const idToken = tokens.claims();
        if (!idToken) throw new OidcError('invalid', 'no ID token');
        let claims: Record<string, unknown> = idToken;
        // Many providers put the e-mail only in the UserInfo response (oidc-provider, Keycloak's
        // lighter tokens): asked for when the ID token lacks it, and bound to the same subject.
        if (claims[settings.emailClaim] === undefined || claims.email_verified === undefined) {
          const info = await client.fetchUserInfo(config, tokens.access_token, idToken.sub);
          claims = { ...info, ...idToken, ...pick(info, [settings.emailClaim, 'email_verified']) };
        }
        const email = claims[settings.emailClaim];
        return {
          subject: idToken.sub,
          email: typeof email === 'string' ? email : undefined,
          // Some providers send the string "true" (Amazon Cognito); nothing else counts as verified.
          emailVerified: claims.email_verified === true || claims.email_verified === 'true',
        };
      } catch (err) {
        throw asOidcError(err);
      }
    },
  };
}

function pick(o: Record<string, unknown>, keys: string[]): Record<string, unknown> {
  return Object.fromEntries(keys.filter((k) => o[k] !== undefined).map((k) => [k, o[k]]));
}

function asOidcError(err: unknown): OidcError {
  if (err instanceof OidcError) return err;
  if (err instanceof client.AuthorizationResponseError) {
    return new OidcError('cancelled', `the provider answered ${err.error}`, { cause: err });
  }
  // fetch() failing (refused connection, DNS, timeout) never reached the provider's answer.
  if (networkFailure(err)) return new OidcError('unreachable', 'the provider did not answer', { cause: err });
  return new OidcError('invalid', err instanceof Error ? err.message : String(err), { cause: err });
}

/** fetch() failed (refused, DNS, timeout), possibly wrapped by openid-client. */
function networkFailure(err: unknown): boolean {
  for (let e = err, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    if (e.name === 'TimeoutError' || e.name === 'AbortError') return true;
    if (e instanceof TypeError && e.message === 'fetch failed') return true;
  }
  return false;
}
