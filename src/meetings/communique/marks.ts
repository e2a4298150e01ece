import { LANGS, type Lang } from '../../core/i18n/locales.ts';

/*
 * Passages of a communiqué in another language than its own. Where the record has no text in the
 * draft's language (a decision written only in Russian, a name only in Kazakh), the draft takes the
 * text of another language and marks it `[[ru: …]]`, so that the passage is seen, read aloud in its
 * own language (lang="ru") and translated or knowingly kept before publishing. The mark is plain
 * text, so it survives editing in a textarea; deleting it (after translating) is how it is resolved.
 */

const PASSAGE = /\[\[(kk|ru|en): ((?:(?!\]\]).)*?)\]\]/gs;

/** A piece of a marked text: the text's own language (lang undefined) or a passage in another. */
export type Segment = { text: string; lang?: Lang };

/** `text` marked as a passage in `lang` (a "]]" inside is broken up so that it cannot end the mark). */
export function markPassage(text: string, lang: Lang): string {
  return `[[${lang}: ${text.replaceAll(']]', '] ]')}]]`;
}

/** A picked text as it goes into a draft in `draftLang`: marked when it is in another language. */
export function inDraft(picked: { text: string; lang: Lang }, draftLang: Lang): string {
  return picked.lang === draftLang ? picked.text : markPassage(picked.text, picked.lang);
}

/** The text cut into its own language's pieces and its marked passages, in order. */
export function segments(text: string): Segment[] {
  const out: Segment[] = [];
  let at = 0;
  for (const m of text.matchAll(PASSAGE)) {
    if (m.index > at) out.push({ text: text.slice(at, m.index) });
    out.push({ text: m[2] ?? '', lang: m[1] as Lang });
    at = m.index + m[0].length;
  }
  if (at < text.length) out.push({ text: text.slice(at) });
  return out;
}

/** The passages in another language than `own` (a mark of the text's own language is not one). */
export function otherLanguagePassages(text: string, own: Lang): { text: string; lang: Lang }[] {
  return segments(text).filter((s): s is { text: string; lang: Lang } => s.lang !== undefined && s.lang !== own);
}

/** Every language version's passages in another language, e.g. for the check before publishing. */
export function passagesByLanguage(
  versions: Partial<Record<Lang, string | undefined>>,
): { in: Lang; text: string; lang: Lang }[] {
  return LANGS.flatMap((own) => otherLanguagePassages(versions[own] ?? '', own).map((p) => ({ in: own, ...p })));
}

/** The text without its marks (a confirmed passage stays, in its language, without the brackets). */
export function unmarked(text: string): string {
  return segments(text)
    .map((s) => s.text)
    .join('');
}
