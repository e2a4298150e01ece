/**
 * Atom feeds (RFC 4287) of plain text. Everything Kenes stores is plain text typed by people, so
 * every title and content is declared type="text" and escaped: a feed reader shows "<b>" as the
 * characters typed, never as markup. (The `feed` package declared the same text type="html" in
 * CDATA, so readers rendered whatever was typed into a communiqué as HTML.) There is deliberately
 * no way to pass HTML here.
 */

import type { I18n } from './i18n/i18n.ts';

export interface AtomEntry {
  /** A permanent IRI: the entry's page. */
  id: string;
  title: string;
  link: string;
  published: Date;
  updated: Date;
  content: string;
}

export interface AtomFeed {
  id: string;
  title: string;
  /** The HTML page the feed follows, and the feed's own address. */
  link: string;
  self: string;
  lang: string;
  author: string;
  updated: Date;
  entries: AtomEntry[];
}

/**
 * Escapes text for XML content and attribute values. Characters XML 1.0 cannot carry at all
 * (controls other than tab and line breaks, lone surrogates, U+FFFE/U+FFFF) become U+FFFD, so a
 * stray one cannot make the whole feed unreadable.
 */
export function xmlText(value: string): string {
  return value
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

const el = (name: string, text: string, attrs = '') => `<${name}${attrs}>${xmlText(text)}</${name}>`;
const link = (rel: string, type: string, href: string) => `<link rel="${rel}" type="${type}" href="${xmlText(href)}"/>`;

/** The feed as an XML document. */
export function atomFeed(feed: AtomFeed): string {
  const lines = [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${xmlText(feed.lang)}">`,
    `  ${el('id', feed.id)}`,
    `  ${el('title', feed.title, ' type="text"')}`,
    `  ${el('updated', feed.updated.toISOString())}`,
    `  <author>${el('name', feed.author)}</author>`,
    `  ${link('alternate', 'text/html', feed.link)}`,
    `  ${link('self', 'application/atom+xml', feed.self)}`,
  ];
  for (const e of feed.entries) {
    lines.push(
      '  <entry>',
      `    ${el('id', e.id)}`,
      `    ${el('title', e.title, ' type="text"')}`,
      `    ${link('alternate', 'text/html', e.link)}`,
      `    ${el('published', e.published.toISOString())}`,
      `    ${el('updated', e.updated.toISOString())}`,
      `    ${el('content', e.content, ' type="text"')}`,
      '  </entry>',
    );
  }
  lines.push('</feed>', '');
  return lines.join('\n');
}

/**
 * The feed of one of the site's list pages, `/{lang}/{path}`, served at `/{lang}/{path}.atom`: titled
 * "{site} — {title}", written by the site, updated when its first (newest) entry was.
 */
export function listPageFeed(i18n: I18n, publicUrl: string, path: string, title: string, entries: AtomEntry[]): string {
  const page = `${publicUrl}/${i18n.lang}/${path}`;
  return atomFeed({
    id: page,
    title: `${i18n.t('site.name')} — ${title}`,
    link: page,
    self: `${page}.atom`,
    lang: i18n.lang,
    author: i18n.t('site.name'),
    updated: entries[0]?.updated ?? new Date(0),
    entries,
  });
}
