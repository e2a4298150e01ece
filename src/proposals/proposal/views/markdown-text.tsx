import { renderMarkdown } from '../../../core/html/markdown.ts';
import { TrustedHtml } from '../../../core/html/trusted-html.tsx';
import type { I18n } from '../../../core/i18n/i18n.ts';
import type { Translated } from '../../../core/i18n/translated.ts';

/**
 * A translated Markdown text (a proposal's body, a state body's reasons) in the reader's language,
 * with its `lang` and a "not translated" mark where it falls back to another language.
 */
export function MarkdownText({ value, i18n, class: className }: { value: Translated; i18n: I18n; class: string }) {
  const picked = i18n.pick(value);
  if (!picked) return null;
  return (
    <div lang={picked.lang} class={className}>
      {picked.fallback && <p class="untranslated">({i18n.t('lang.notTranslated')})</p>}
      <TrustedHtml html={renderMarkdown(picked.text)} />
    </div>
  );
}
