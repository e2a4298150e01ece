import assert from 'node:assert/strict';
import { type HTMLElement, parse } from 'node-html-parser';

/** Parses a page for assertions on what a user would see. */
export function parseHtml(html: string): HTMLElement {
  return parse(html);
}

/** The visible text of an element, with whitespace collapsed. */
export function textOf(el: HTMLElement | null | undefined): string {
  return (el?.text ?? '').replace(/\s+/g, ' ').trim();
}

/** The path of the first link to the site (http://localhost:3000, the tests' PUBLIC_URL) in a text, e.g. an e-mail's; fails if there is none. */
export function linkIn(text: string): string {
  const m = text.match(/http:\/\/localhost:3000(\/\S+)/);
  assert.ok(m?.[1], `a link in: ${text}`);
  return m[1];
}

/** The text of a page's error summary (the list of what is wrong with a form). */
export const errorsOf = (body: string): string => textOf(parseHtml(body).querySelector('.error-summary'));

/**
 * The Cyrillic a reader of the Latin-script Kazakh edition would see in a page (decision 0018), with
 * up to 30 characters around each: its text, title and labels (aria-label, title, alt), except what
 * is marked as another language (lang="ru", "en", "kk-Cyrl") or typed into a form. Stricter than the
 * browser's visible text: hidden parts count too.
 */
export function cyrillicInKazakhText(html: string): string[] {
  const root = parseHtml(html);
  for (const el of root.querySelectorAll('[lang]')) {
    if (!/^kk(-latn)?$/i.test(el.getAttribute('lang') ?? '')) el.remove();
  }
  for (const el of root.querySelectorAll('script, style, textarea, input')) el.remove();
  const labels = root
    .querySelectorAll('[aria-label], [title], [alt]')
    .map((el) => ['aria-label', 'title', 'alt'].map((a) => el.getAttribute(a) ?? '').join(' '));
  const text = [root.text, ...labels].join('\n');
  return [...text.matchAll(/[^\n]{0,30}[\u0400-\u04FF][^\n]{0,30}/gu)].map((m) => m[0].trim());
}
