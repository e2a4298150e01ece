import type { VNode } from 'preact';
import { render } from 'preact-render-to-string';

/**
 * Renders a page. preact-render-to-string escapes every text and attribute value; the only way to
 * emit markup from data is the audited <TrustedHtml> in ./trusted-html.tsx.
 */
export function renderPage(page: VNode): string {
  return `<!doctype html>${render(page)}`;
}
