import { LATIN_NAME } from '../http/latin-edition.ts';
import { LANG_NATIVE_NAMES, LANGS } from '../i18n/locales.ts';
import { assetUrl } from './assets.ts';
import type { PageContext } from './context.ts';
import { ButtonForm } from './form.tsx';

/** The part of the site a page belongs to: its link in the navigation is marked current. */
export type Section =
  | 'home'
  | 'meetings'
  | 'proposals'
  | 'recommendations'
  | 'obligations'
  | 'news'
  | 'organisations'
  | 'tasks'
  | 'admin'
  | 'account'
  | 'work'
  | 'sign-in'
  | 'sign-up'
  | undefined;

/**
 * The site's header: the brand (its mark, name and tagline — the link's name is what it shows, WCAG
 * 2.5.3), then search, the account's links, languages and navigation. Below 60rem these fold into a menu button, a
 * <details> that opens without JavaScript; from 60rem CSS keeps it open and hides the button.
 */
export function SiteHeader({ ctx, section }: { ctx: PageContext; section: Section }) {
  const { i18n } = ctx;
  const lang = i18n.lang;
  return (
    <header class="site-header">
      <div class="wrap header-row">
        <a class="brand" href={`/${lang}/`}>
          <img class="brand-mark" src={assetUrl('mark.svg')} alt="" width="44" height="44" />
          <span class="brand-text">
            <span class="brand-name">{i18n.t('site.name')}</span>
            <span class="brand-tagline">{i18n.t('site.tagline')}</span>
          </span>
        </a>
        <details class="menu" data-menu>
          <summary>{i18n.t('nav.menu')}</summary>
          <div class="menu-panel">
            {/* biome-ignore lint/a11y/useSemanticElements: a form with role=search is announced by every screen reader; <search> is not yet */}
            <form role="search" method="get" action={`/${lang}/search`} class="header-search">
              <label for="header-search-q" class="visually-hidden">
                {i18n.t('search.label')}
              </label>
              <input type="search" id="header-search-q" name="q" maxLength={200} />
              <button type="submit">{i18n.t('search.submit')}</button>
            </form>
            <div class="header-tools">
              <LanguageSwitcher ctx={ctx} />
              <UserNav ctx={ctx} section={section} />
            </div>
            <div class="main-nav">
              <MainNav ctx={ctx} section={section} />
            </div>
          </div>
        </details>
      </div>
    </header>
  );
}

/** The languages, each a link to this same page in it (and the Latin-script Kazakh edition). */
function LanguageSwitcher({ ctx }: { ctx: PageContext }) {
  const lang = ctx.i18n.lang;
  return (
    <nav class="lang-switcher" aria-label={ctx.i18n.t('lang.switcher')}>
      <ul>
        {LANGS.map((l) => (
          <>
            <li>
              <a
                href={`/${l}${ctx.pathInLang}`}
                hreflang={l}
                lang={l === 'kk' ? 'kk-Cyrl' : l}
                aria-current={l === lang && !ctx.latin ? 'true' : undefined}
              >
                {LANG_NATIVE_NAMES[l]}
              </a>
            </li>
            {l === 'kk' ? (
              // The Latin-script edition (decision 0018); written in Cyrillic here, transliterated on the way out.
              <li>
                <a
                  href={`/kk-latn${ctx.pathInLang}`}
                  hreflang="kk-Latn"
                  lang="kk-Latn"
                  aria-current={lang === 'kk' && ctx.latin ? 'true' : undefined}
                >
                  {LATIN_NAME}
                </a>
              </li>
            ) : null}
          </>
        ))}
      </ul>
    </nav>
  );
}

/**
 * The sections; Tasks for the body's members (tasks are given to them), Administration for staff.
 * Home is in the phone's menu only: on a wide screen the brand is the way home, and the row stays one.
 */
function MainNav({ ctx, section }: { ctx: PageContext; section: Section }) {
  const { i18n } = ctx;
  const lang = i18n.lang;
  const items: { key: Section; href: string; label: string }[] = [
    { key: 'home', href: `/${lang}/`, label: i18n.t('nav.home') },
    { key: 'meetings', href: `/${lang}/meetings`, label: i18n.t('nav.meetings') },
    { key: 'proposals', href: `/${lang}/proposals`, label: i18n.t('nav.proposals') },
    { key: 'recommendations', href: `/${lang}/recommendations`, label: i18n.t('nav.recommendations') },
    { key: 'obligations', href: `/${lang}/cycles`, label: i18n.t('nav.obligations') },
    { key: 'news', href: `/${lang}/news`, label: i18n.t('news.title') },
    { key: 'organisations', href: `/${lang}/organisations`, label: i18n.t('nav.organisations') },
    ...(ctx.can('read-members-only')
      ? [{ key: 'tasks' as const, href: `/${lang}/tasks`, label: i18n.t('nav.tasks') }]
      : []),
    ...(ctx.can('invite-users') || ctx.can('read-audit-log')
      ? [{ key: 'admin' as const, href: `/${lang}/admin`, label: i18n.t('nav.admin') }]
      : []),
  ];
  return (
    <nav aria-label={i18n.t('nav.label')}>
      <ul>
        {items.map((item) => (
          <li class={item.key === 'home' ? 'nav-home' : undefined}>
            <a href={item.href} aria-current={item.key === section ? 'page' : undefined}>
              {item.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** Signed in: my work, notifications, the account and signing out; else signing in and up. */
function UserNav({ ctx, section }: { ctx: PageContext; section: Section }) {
  const { i18n } = ctx;
  const lang = i18n.lang;
  return (
    <nav aria-label={i18n.t('nav.user')} class="user-nav">
      {ctx.user ? (
        <ul>
          <li>
            <a
              href={`/${lang}/work`}
              aria-current={section === 'work' ? 'page' : undefined}
              class={ctx.workCount ? 'work-link has-work' : 'work-link'}
            >
              {ctx.workCount ? i18n.t('work.nav', { count: ctx.workCount }) : i18n.t('work.navNone')}
            </a>
          </li>
          <li>
            <a href={`/${lang}/notifications`}>{i18n.t('notifications.title')}</a>
          </li>
          <li>
            <a href={`/${lang}/account`} aria-current={section === 'account' ? 'page' : undefined}>
              {ctx.user.displayName}
            </a>
          </li>
          <li>
            <ButtonForm ctx={ctx} action={`/${lang}/sign-out`} link>
              {i18n.t('nav.signOut')}
            </ButtonForm>
          </li>
        </ul>
      ) : (
        <ul>
          <li>
            <a href={`/${lang}/sign-in`} aria-current={section === 'sign-in' ? 'page' : undefined}>
              {i18n.t('nav.signIn')}
            </a>
          </li>
          <li>
            <a href={`/${lang}/sign-up`} aria-current={section === 'sign-up' ? 'page' : undefined}>
              {i18n.t('nav.signUp')}
            </a>
          </li>
        </ul>
      )}
    </nav>
  );
}
