import { type HTMLElement, parse } from 'node-html-parser';

/** Parses a page for assertions on what a user would see. */
export function parseHtml(html: string): HTMLElement {
  return parse(html);
}

/** The visible text of an element, with whitespace collapsed. */
export function textOf(el: HTMLElement | null | undefined): string {
  return (el?.text ?? '').replace(/\s+/g, ' ').trim();
}

/** The text of a page's error summary (the list of what is wrong with a form). */
export const errorsOf = (body: string): string => textOf(parseHtml(body).querySelector('.error-summary'));
