import { LANGS, type Lang } from '../i18n/locales.ts';
import type { Translated } from '../i18n/translated.ts';

/*
 * The language(s) of an uploaded file's text, for search (decision 0018): a document's text is indexed
 * under each language it is written in — Kazakh and Russian often share one file — so that each is
 * stemmed by its own rules. Told apart by cheap signs: Kazakh letters (Cyrillic or the Latin alphabet),
 * and the commonest short words of Russian and English, which Kazakh does not use.
 */

const SAMPLE_CHARS = 20_000;
/** A language counts when this share of the words shows it (a few words are not enough). */
const SHARE = 0.02;
const MIN_WORDS = 3;

const KAZAKH = /[әғқңөұүһіäğñöūüış]/iu;
const RUSSIAN = new Set([
  'и',
  'в',
  'на',
  'с',
  'по',
  'для',
  'что',
  'от',
  'к',
  'из',
  'или',
  'как',
  'это',
  'при',
  'также',
]);
const ENGLISH = new Set(['the', 'of', 'and', 'to', 'in', 'for', 'is', 'on', 'with', 'by', 'that', 'or', 'are', 'be']);

/** The languages a text is written in, in LANGS order; `fallback` when it shows none (a short or empty text). */
export function textLanguages(text: string, fallback: readonly Lang[]): Lang[] {
  const words =
    text
      .slice(0, SAMPLE_CHARS)
      .toLowerCase()
      .match(/\p{L}+/gu) ?? [];
  const count = { kk: 0, ru: 0, en: 0 };
  for (const w of words) {
    if (KAZAKH.test(w)) count.kk++;
    else if (RUSSIAN.has(w)) count.ru++;
    else if (ENGLISH.has(w)) count.en++;
  }
  const found = LANGS.filter((l) => count[l] >= MIN_WORDS && count[l] >= words.length * SHARE);
  return found.length > 0 ? found : [...fallback];
}

/** A file's text as a document body: the same text under each language it is written in. */
export function textByLanguage(text: string | undefined, fallback: readonly Lang[]): Translated {
  if (!text?.trim()) return {};
  return Object.fromEntries(textLanguages(text, fallback).map((l) => [l, text]));
}

/** The languages a translated value has text in (a document's title: the fallback for its file's text). */
export function languagesOf(value: Translated): Lang[] {
  return LANGS.filter((l) => (value[l] ?? '').trim() !== '');
}
