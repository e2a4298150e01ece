import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { OIDC_CHECKS_MAX_AGE_S, type OidcChecks, OidcError, oidcClient } from '../../core/auth/oidc.ts';
import { ROLES } from '../../core/db/schema-accounts.ts';
import type { RouteDeps } from '../../core/extensions.ts';
import type { PageContext } from '../../core/html/context.ts';
import { preferredLang } from '../../core/http/lang.ts';
import { flash, langRoute, pageContext, safeNext, sendPage } from '../../core/http/pages.ts';
import type { MessageKey } from '../../core/i18n/i18n.ts';
import { isLang } from '../../core/i18n/locales.ts';
import { meta, setSessionCookie } from '../session-cookie.ts';
import { signInWithProvider } from './single-sign-on.ts';
import { SignInPage, type SsoButton } from './views/sign-in-page.tsx';

/** The browser's half of a sign-in in progress: state, nonce, PKCE verifier (signed, ten minutes). */
const CHECKS_COOKIE = 'kenes_oidc';
/** One address for every language, so the provider needs one redirect URI (the language is in the cookie). */
export const OIDC_CALLBACK_PATH = '/sign-in/oidc/callback';

const FAILURES: Record<OidcError['kind'], { status: number; key: MessageKey }> = {
  unreachable: { status: 503, key: 'sso.unreachable' },
  cancelled: { status: 403, key: 'sso.cancelled' },
  invalid: { status: 400, key: 'sso.invalid' },
};
const REFUSALS = {
  'no-email': 'sso.noEmail',
  unverified: 'sso.unverified',
  unknown: 'sso.unknown',
} as const satisfies Record<string, MessageKey>;

/**
 * Single sign-on with the organisation's OpenID Provider (decision 0023): `/{lang}/sign-in/oidc`
 * sends the browser there (authorization code flow, PKCE, state and nonce), `/sign-in/oidc/callback`
 * verifies the answer and opens a session for the account of the verified e-mail. Returns the
 * button of the sign-in page, or undefined when no provider is configured (then no route exists).
 */
export function singleSignOnRoutes(
  app: FastifyInstance,
  deps: RouteDeps,
): ((ctx: PageContext, next: string | undefined) => SsoButton) | undefined {
  const settings = deps.signIn?.oidc;
  if (!settings) return undefined;
  const db = app.db;
  const oidc = oidcClient(settings);
  const passwords = (deps.signIn?.passwordRoles ?? ROLES).length > 0;
  const secure = deps.publicUrl.startsWith('https:');
  const button = (ctx: PageContext, next: string | undefined): SsoButton => ({
    label: ctx.i18n.t('sso.button', { provider: settings.name[ctx.i18n.lang] ?? ctx.i18n.t('sso.defaultName') }),
    href: `/${ctx.i18n.lang}/sign-in/oidc${next ? `?next=${encodeURIComponent(next)}` : ''}`,
  });
  const refuse = (req: FastifyRequest, reply: FastifyReply, ctx: PageContext, status: number, message: string) =>
    sendPage(
      req,
      reply,
      ctx,
      <SignInPage ctx={ctx} errors={{ _form: message }} sso={button(ctx, undefined)} passwords={passwords} />,
      status,
    );
  const rateLimit = { max: 30, timeWindow: 60_000 };

  langRoute(
    app,
    'GET',
    '/sign-in/oidc',
    async (req, reply, ctx) => {
      const next = safeNext(req.query.next, ctx.i18n.lang);
      if (req.user) return reply.redirect(next, 303);
      try {
        const { url, checks } = await oidc.start(`${deps.publicUrl}${OIDC_CALLBACK_PATH}`, next, ctx.i18n.lang);
        // SameSite=Lax: sent with the provider's top-level redirect back to Kenes, not with a
        // request another site makes in the background.
        reply.setCookie(CHECKS_COOKIE, JSON.stringify(checks), {
          path: OIDC_CALLBACK_PATH,
          httpOnly: true,
          sameSite: 'lax',
          secure,
          signed: true,
          maxAge: OIDC_CHECKS_MAX_AGE_S,
        });
        return reply.redirect(url, 303);
      } catch (err) {
        if (!(err instanceof OidcError)) throw err;
        req.log.warn({ err }, 'single sign-on: provider not reached');
        reply.code(FAILURES[err.kind].status);
        return <SignInPage ctx={ctx} errors={{ _form: ctx.i18n.t(FAILURES[err.kind].key) }} passwords={passwords} />;
      }
    },
    { rateLimit },
  );

  app.get<{ Querystring: Record<string, string | undefined> }>(
    OIDC_CALLBACK_PATH,
    { config: { rateLimit } },
    async (req, reply) => {
      const checks = readChecks(req, reply);
      reply.clearCookie(CHECKS_COOKIE, { path: OIDC_CALLBACK_PATH });
      // The language the sign-in started in; the language switcher of an error page leads to the sign-in page.
      const ctx = { ...pageContext(req, reply, checks?.lang ?? preferredLang(req)), pathInLang: '/sign-in' };
      if (!checks) return refuse(req, reply, ctx, 400, ctx.i18n.t('sso.invalid'));
      let identity: Awaited<ReturnType<typeof oidc.finish>>;
      try {
        identity = await oidc.finish(new URL(req.url, deps.publicUrl), checks);
      } catch (err) {
        if (!(err instanceof OidcError)) throw err;
        req.log.info({ err }, `single sign-on refused: ${err.kind}`);
        return refuse(req, reply, ctx, FAILURES[err.kind].status, ctx.i18n.t(FAILURES[err.kind].key));
      }
      const result = await signInWithProvider(db, { ...identity, issuer: settings.issuer }, meta(req));
      if (!result.ok) {
        req.log.info({ reason: result.reason, subject: identity.subject }, 'single sign-on refused');
        return refuse(req, reply, ctx, 403, ctx.i18n.t(REFUSALS[result.reason], { email: result.email ?? '' }));
      }
      setSessionCookie(req, reply, result.token, false, deps.publicUrl);
      flash(reply, 'signIn.welcome');
      return reply.redirect(safeNext(checks.next, checks.lang), 303);
    },
  );
  return button;
}

/** The checks of this browser's sign-in, if its cookie is there, signed by Kenes and well-formed. */
function readChecks(req: FastifyRequest, reply: FastifyReply): OidcChecks | undefined {
  const raw = req.cookies[CHECKS_COOKIE];
  if (!raw) return undefined;
  const unsigned = reply.unsignCookie(raw);
  if (!unsigned.valid || !unsigned.value) return undefined;
  try {
    const c = JSON.parse(unsigned.value) as Partial<OidcChecks>;
    const strings = [c.state, c.nonce, c.verifier, c.next].every((v) => typeof v === 'string');
    return strings && isLang(c.lang) && typeof c.startedAt === 'number' ? (c as OidcChecks) : undefined;
  } catch {
    return undefined;
  }
}
