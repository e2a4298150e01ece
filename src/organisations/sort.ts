import { ORGANISATION_CATEGORIES, type OrganisationCategory } from '../core/db/schema.ts';
import type { I18n } from '../core/i18n/i18n.ts';
import type { Translated } from '../core/i18n/translated.ts';

const collators = new Map<string, Intl.Collator>();

/** Sorts by the name the reader sees, with the reader's language's collation (Kazakh letters included). */
export function sortByName<T extends { name: Translated }>(items: T[], i18n: I18n): T[] {
  let collator = collators.get(i18n.lang);
  if (!collator) {
    collator = new Intl.Collator(i18n.lang, { sensitivity: 'base', numeric: true });
    collators.set(i18n.lang, collator);
  }
  const c = collator;
  return items
    .map((item) => ({ item, key: i18n.pick(item.name)?.text ?? '' }))
    .sort((a, b) => c.compare(a.key, b.key))
    .map((x) => x.item);
}

/** Groups items by category, in the fixed category order, leaving out empty categories. */
export function groupByCategory<T extends { category: OrganisationCategory }>(items: T[]) {
  return ORGANISATION_CATEGORIES.map((category) => ({
    category,
    items: items.filter((i) => i.category === category),
  })).filter((g) => g.items.length > 0);
}
