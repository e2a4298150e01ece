import type { ComponentChildren } from 'preact';
import type { I18n } from '../i18n/i18n.ts';
import type { Lang } from '../i18n/locales.ts';
import type { Picked, Translated } from '../i18n/translated.ts';

/**
 * Shows a user-written translated text in the reader's language; where it falls back to another
 * language it carries that language's `lang` and a visible "not translated" mark.
 */
export function T({ value, i18n }: { value: Translated | null | undefined; i18n: I18n }) {
  return <PickedText picked={i18n.pick(value)} i18n={i18n} />;
}

/** A text already picked for the reader (`i18n.pick`), shown as T shows it. */
export function PickedText({ picked, i18n }: { picked: Picked | undefined; i18n: I18n }) {
  if (!picked) return null;
  if (!picked.fallback) return <>{picked.text}</>;
  const title = i18n.t('lang.notTranslatedTitle', { language: i18n.t(`lang.name.${picked.lang}`) });
  return (
    <>
      <span lang={picked.lang}>{picked.text}</span>{' '}
      <small class="untranslated" title={title}>
        ({i18n.t('lang.notTranslated')})
      </small>
    </>
  );
}

/**
 * A picked text where no markup may go (an <option>), shown as PickedText shows it: cut to `max`
 * characters, with the "not translated" mark in words and, for the element, the language it is in.
 */
export function markedPlain(
  picked: Picked | undefined,
  i18n: I18n,
  max = Number.POSITIVE_INFINITY,
): { text: string; lang: Lang | undefined } {
  const text = (picked?.text ?? '').slice(0, max);
  if (!picked?.fallback) return { text, lang: undefined };
  return { text: `${text} (${i18n.t('lang.notTranslated')})`, lang: picked.lang };
}

/** Plain text of a translated value (for <title>, attributes): no mark, best available language. */
export function plain(value: Translated | null | undefined, i18n: I18n): string {
  return i18n.pick(value)?.text ?? '';
}

/** A link out of Kenes (an online meeting's address, a website): the address is its text unless children are given. */
export function ExternalLink({ href, children }: { href: string; children?: ComponentChildren }) {
  return (
    <a href={href} rel="external noopener">
      {children ?? href}
    </a>
  );
}
