import type { ComponentChildren } from 'preact';
import type { MinutesContent } from '../../core/db/schema.ts';
import { T } from '../../core/html/text.tsx';
import type { I18n } from '../../core/i18n/i18n.ts';
import type { Translated } from '../../core/i18n/translated.ts';
import { MINUTES_SECTIONS } from './form.ts';

/**
 * One agenda item of the minutes, as the meeting's page and the minutes page show it: its number and
 * title, then each section written in some language under its heading, its text shown by `text`.
 */
export function MinutesItem({
  i18n,
  item,
  content,
  text,
}: {
  i18n: I18n;
  item: { position: number; title: Translated };
  content: MinutesContent['items'][string];
  text: (value: Translated) => ComponentChildren;
}) {
  return (
    <article class="minutes-item">
      <h3>
        {item.position}. <T value={item.title} i18n={i18n} />
      </h3>
      {MINUTES_SECTIONS.map((s) => {
        const value = content[s];
        return value && i18n.pick(value) ? (
          <>
            <h4>{i18n.t(`minutes.section.${s}`)}</h4>
            {text(value)}
          </>
        ) : null;
      })}
    </article>
  );
}
