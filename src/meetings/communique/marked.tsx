import type { PageContext } from '../../core/html/context.ts';
import type { Lang } from '../../core/i18n/locales.ts';
import type { Translated } from '../../core/i18n/translated.ts';
import { Paragraphs } from '../views/parts.tsx';
import { segments } from './marks.ts';

/** One line of a communiqué: each passage in another language in its own `lang`, with a visible mark. */
export function MarkedLine({ ctx, text }: { ctx: PageContext; text: string }) {
  const { i18n } = ctx;
  return (
    <>
      {segments(text).map((s) =>
        s.lang ? (
          <>
            <span class="other-language" lang={s.lang}>
              {s.text}
            </span>{' '}
            <small class="untranslated lang-mark" lang={i18n.lang}>
              ({i18n.t(`communique.passageIn.${s.lang}`)})
            </small>
          </>
        ) : (
          s.text
        ),
      )}
    </>
  );
}

/** A communiqué's text in the reader's language (or its fallback), paragraph by paragraph, passages marked. */
export function CommuniqueText({ ctx, value }: { ctx: PageContext; value: Translated | undefined }) {
  return <Paragraphs ctx={ctx} value={value} line={(p) => <MarkedLine ctx={ctx} text={p} />} />;
}

/** A communiqué's title in the reader's language (or its fallback), passages marked. */
export function CommuniqueTitle({ ctx, value }: { ctx: PageContext; value: Translated | undefined }) {
  const picked = ctx.i18n.pick(value);
  if (!picked) return null;
  return (
    <span lang={picked.lang as Lang}>
      <MarkedLine ctx={ctx} text={picked.text} />
    </span>
  );
}
