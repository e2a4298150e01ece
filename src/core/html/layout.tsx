import type { ComponentChildren } from 'preact';
import { bodyZoneOffset } from '../dates.ts';
import { feedsOfPage } from '../extensions.ts';
import { LANGS } from '../i18n/locales.ts';
import { assetUrl } from './assets.ts';
import type { PageContext } from './context.ts';
import { type Section, SiteHeader } from './header.tsx';

export type { Section };

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
        <SiteHeader ctx={ctx} section={section} />
        <main id="main" tabIndex={-1} class="wrap">
          {ctx.flash && (
            // After a form was sent and the page redirected: the message takes the focus (autofocus,
            // no script needed), so a screen reader reads it first and the keyboard starts from it.
            <div class="flash" id="flash" role="status" aria-label={i18n.t('flash.label')} tabIndex={-1} autofocus>
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

/** A page whose heading is its title: the layout, with the title as the page's h1 before its content. */
export function TitledPage(props: Parameters<typeof Layout>[0]) {
  return (
    <Layout ctx={props.ctx} title={props.title} section={props.section}>
      <h1>{props.title}</h1>
      {props.children}
    </Layout>
  );
}
