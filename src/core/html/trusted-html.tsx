/*
 * The one place where Kenes writes markup that did not come from a JSX template. Only values of
 * type SanitizedHtml may pass, and only the Markdown sanitiser (added with the first Markdown
 * field) may create them. Review every change to this file as a security change.
 */

declare const sanitized: unique symbol;
/** HTML produced by the sanitiser; a plain string is not assignable to it. */
export type SanitizedHtml = string & { readonly [sanitized]: true };

/** Marks the output of a sanitiser. Call it nowhere else. */
export function markSanitized(html: string): SanitizedHtml {
  return html as SanitizedHtml;
}

/** Emits sanitised HTML inside a <div>. */
export function TrustedHtml({ html, className }: { html: SanitizedHtml; className?: string }) {
  // biome-ignore lint/security/noDangerouslySetInnerHtml: the audited exit for sanitised HTML, see above
  return <div class={className} dangerouslySetInnerHTML={{ __html: html }} />;
}
