import type { ComponentChildren } from 'preact';
import type { I18n } from '../i18n/i18n.ts';
import type { Translated } from '../i18n/translated.ts';
import { T } from './text.tsx';

/** A link named by a translated text (a record's title or name), marked where the text falls back (`T`). */
export function TLink({
  href,
  value,
  i18n,
  class: cls,
}: {
  href: string;
  value: Translated | null | undefined;
  i18n: I18n;
  class?: string;
}) {
  return (
    <a href={href} class={cls}>
      <T value={value} i18n={i18n} />
    </a>
  );
}

/** A link to another site, showing its address unless given a text. */
export function ExternalLink({ href, children }: { href: string; children?: ComponentChildren }) {
  return (
    <a href={href} rel="external noopener">
      {children ?? href}
    </a>
  );
}

/** A link that looks like a button (to a form, a new record, a download). */
export function ButtonLink({
  href,
  download,
  children,
}: {
  href: string;
  download?: boolean;
  children: ComponentChildren;
}) {
  return (
    <a class="button" href={href} download={download}>
      {children}
    </a>
  );
}
