import { T } from '../../core/html/text.tsx';
import type { I18n } from '../../core/i18n/i18n.ts';
import type { Translated } from '../../core/i18n/translated.ts';

/** ", the title of a position" after a person's or an organisation's name; nothing when it has none. */
export function PositionTitle({ title, i18n }: { title: Translated; i18n: I18n }) {
  if (!i18n.pick(title)) return null;
  return (
    <>
      , <T value={title} i18n={i18n} />
    </>
  );
}
