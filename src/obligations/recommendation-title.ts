import type { Translated } from '../core/i18n/translated.ts';

/*
 * A recommendation without a document symbol has no reference to be called by (the UPR Info export
 * gives none): its title is the first words of its text, cut at a word boundary, never "Recommendation
 * UPR" (issue 13).
 */

/** At most this many characters of the text, before the ellipsis. */
export const TITLE_CHARS = 80;

/** The first words of `text` within `max` characters, cut at a word boundary, with "…" when cut. */
export function titleFromText(text: string, max = TITLE_CHARS): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const chars = Array.from(flat);
  if (chars.length <= max) return flat;
  const head = chars.slice(0, max + 1).join('');
  // The last space within the limit; a first word longer than the limit is cut inside it.
  const space = head.lastIndexOf(' ', head.length - 1);
  const cut = space > 0 ? head.slice(0, space) : chars.slice(0, max).join('');
  return `${cut.replace(/[\s,;:.\-–—(]+$/u, '')}…`;
}

/** The title of each language the text is in. */
export function titlesFromText(text: Translated): Translated {
  const out: Translated = {};
  for (const [lang, value] of Object.entries(text) as [keyof Translated, string | undefined][]) {
    if (value) out[lang] = titleFromText(value);
  }
  return out;
}
