import { ORGANISATION_CATEGORIES, type OrganisationCategory } from '../core/db/schema.ts';
import { collator } from '../core/i18n/formats.ts';
import type { I18n } from '../core/i18n/i18n.ts';
import type { Translated } from '../core/i18n/translated.ts';

/**
 * The sorted lists of lists already sorted, by the list and language: a page's list of hundreds of
 * organisations (a form's options, kept while nothing changes) is the same list object on every
 * request, and collating it cost up to ~0.1 ms each time. Kept as long as the list itself is (a list
 * must not be changed once sorted, as kept reads are not).
 */
const sorted = new WeakMap<readonly object[], Map<string, readonly object[]>>();

/** Sorts by the name the reader sees, with the reader's language's collation (Kazakh letters included). */
export function sortByName<T extends { name: Translated }>(items: readonly T[], i18n: I18n): T[] {
  const byLang = sorted.get(items) ?? new Map<string, readonly object[]>();
  const found = byLang.get(i18n.lang);
  if (found) return [...(found as readonly T[])];
  const c = collator(i18n.lang, { sensitivity: 'base', numeric: true });
  const result = items
    .map((item) => ({ item, key: i18n.pick(item.name)?.text ?? '' }))
    .sort((a, b) => c.compare(a.key, b.key))
    .map((x) => x.item);
  byLang.set(i18n.lang, result);
  sorted.set(items, byLang);
  // A copy: the caller may do with it what it likes, the kept order stays.
  return [...result];
}

/** Groups items by category, in the fixed category order, leaving out empty categories. */
export function groupByCategory<T extends { category: OrganisationCategory }>(items: T[]) {
  return ORGANISATION_CATEGORIES.map((category) => ({
    category,
    items: items.filter((i) => i.category === category),
  })).filter((g) => g.items.length > 0);
}
