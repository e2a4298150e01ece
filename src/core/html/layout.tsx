import type { ComponentChildren } from 'preact';
import { bodyZoneOffset } from '../dates.ts';
import { feedsOfPage } from '../extensions.ts';
import { LATIN_NAME } from '../http/latin-edition.ts';
import { LANG_NATIVE_NAMES, LANGS } from '../i18n/locales.ts';
import { assetUrl } from './assets.ts';
import type { PageContext } from './context.ts';
import { ButtonForm } from './form.tsx';

type Section =
  | 'home'
  | 'meetings'
  | 'proposals'
  | 'recommendations'
  | 'obligations'
  | 'news'
  | 'organisations'
  | 'admin'
  | 'account'
  | 'work'
  | 'sign-in'
  | 'sign-up'
  | undefined;

/** The page around every view: landmarks, skip link, language switcher that keeps the page. */
export function Layout({
  ctx,
  title,
  section,
  children,
}: {
  ctx: PageContext;
  title: string;
  section?: Section;
  children: ComponentChildren;
}) {
  const { i18n } = ctx;
  const lang = i18n.lang;
  const nav: { key: Section; href: string; label: string }[] = [
    { key: 'home', href: `/${lang}/`, label: i18n.t('nav.home') },
    { key: 'meetings', href: `/${lang}/meetings`, label: i18n.t('nav.meetings') },
    { key: 'proposals', href: `/${lang}/proposals`, label: i18n.t('nav.proposals') },
    { key: 'recommendations', href: `/${lang}/recommendations`, label: i18n.t('nav.recommendations') },
    { key: 'obligations', href: `/${lang}/cycles`, label: i18n.t('nav.obligations') },
    { key: 'news', href: `/${lang}/news`, label: i18n.t('news.title') },
    { key: 'organisations', href: `/${lang}/organisations`, label: i18n.t('nav.organisations') },
  ];
  const fullTitle = `${title} · ${i18n.t('site.name')}`;
  return (
    <html lang={lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{fullTitle}</title>
        <meta name="description" content={i18n.t('site.tagline')} />
        <link rel="stylesheet" href={assetUrl('kenes.css')} />
        <link rel="icon" href={assetUrl('favicon.svg')} type="image/svg+xml" />
        {LANGS.map((l) => (
          <link rel="alternate" hreflang={l} href={`/${l}${ctx.pathInLang}`} />
        ))}
        <link rel="alternate" hreflang="kk-Latn" href={`/kk-latn${ctx.pathInLang}`} />
        {feedsOfPage(ctx.feeds ?? [], lang, ctx.pathInLang).map(({ feed, href }) => (
          <link
            rel="alternate"
            type={feed.format === 'atom' ? 'application/atom+xml' : 'text/calendar'}
            title={i18n.t(feed.title)}
            href={href}
          />
        ))}
        <script type="module" src={assetUrl('kenes.js')} />
      </head>
      <body>
        <a class="skip-link" href="#main">
          {i18n.t('skip.toContent')}
        </a>
        <header class="site-header">
          <div class="wrap header-row">
            <a class="brand" href={`/${lang}/`} aria-label={i18n.t('site.homeLink')}>
              <span class="brand-name">{i18n.t('site.name')}</span>
              <span class="brand-tagline">{i18n.t('site.tagline')}</span>
            </a>
            {/* biome-ignore lint/a11y/useSemanticElements: a form with role=search is announced by every screen reader; <search> is not yet */}
            <form role="search" method="get" action={`/${lang}/search`} class="header-search">
              <label for="header-search-q" class="visually-hidden">
                {i18n.t('search.label')}
              </label>
              <input type="search" id="header-search-q" name="q" maxLength={200} />
              <button type="submit">{i18n.t('search.submit')}</button>
            </form>
            <nav class="lang-switcher" aria-label={i18n.t('lang.switcher')}>
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
          </div>
          <div class="main-nav">
            <div class="wrap nav-row">
              <nav aria-label={i18n.t('nav.label')}>
                <ul>
                  {nav.map((item) => (
                    <li>
                      <a href={item.href} aria-current={item.key === section ? 'page' : undefined}>
                        {item.label}
                      </a>
                    </li>
                  ))}
                  {(ctx.can('invite-users') || ctx.can('read-audit-log')) && (
                    <li>
                      <a href={`/${lang}/admin`} aria-current={section === 'admin' ? 'page' : undefined}>
                        {i18n.t('nav.admin')}
                      </a>
                    </li>
                  )}
                </ul>
              </nav>
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
            </div>
          </div>
        </header>
        <main id="main" tabIndex={-1} class="wrap">
          {ctx.flash && (
            <div class="flash" role="status" aria-label={i18n.t('flash.label')}>
              {ctx.flash}
            </div>
          )}
          {children}
        </main>
        <footer class="site-footer">
          <div class="wrap">
            <p>{i18n.t('footer.about')}</p>
            <p class="time-zone">{i18n.t('footer.timeZone', { offset: bodyZoneOffset() })}</p>
            <ul class="footer-links">
              <li>
                <a href={`/${lang}/dashboards`}>{i18n.t('footer.dashboards')}</a>
              </li>
              <li>
                <a href={`/${lang}/terms`}>{i18n.t('footer.terms')}</a>
              </li>
              <li>
                <a href={`/${lang}/privacy`}>{i18n.t('footer.privacy')}</a>
              </li>
              <li>
                <a href={`/${lang}/open-data`}>{i18n.t('openData.footer')}</a>
              </li>
            </ul>
          </div>
        </footer>
      </body>
    </html>
  );
}
