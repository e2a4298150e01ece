import type { Db } from '../../core/db/database.ts';
import type { Translated } from '../../core/i18n/translated.ts';
import { nameKey } from '../state-codes.ts';

/** The themes or affected groups: found by name in any language or by slug, created when new. */
export class Vocabulary {
  private readonly byKey = new Map<string, string>();
  private readonly slugs = new Set<string>();
  created = 0;

  constructor(private readonly table: 'themes' | 'affected_groups') {}

  async load(db: Db): Promise<void> {
    const rows = await db.selectFrom(this.table).select(['id', 'slug', 'name']).execute();
    for (const r of rows) {
      this.slugs.add(r.slug);
      this.byKey.set(nameKey(r.slug), r.id);
      for (const name of Object.values(r.name as Translated)) if (name) this.byKey.set(nameKey(name), r.id);
    }
  }

  /** Ids of the names, creating those not known yet (inside the import's transaction). */
  async ids(trx: Db, names: string[]): Promise<string[]> {
    const ids: string[] = [];
    for (const name of names) {
      const key = nameKey(name);
      let id = this.byKey.get(key);
      if (!id) {
        let slug = slugOf(name);
        for (let n = 2; this.slugs.has(slug); n++) slug = `${slugOf(name).slice(0, 70)}-${n}`;
        const row = await trx
          .insertInto(this.table)
          .values({ slug, name: JSON.stringify({ [langOf(name)]: name }) })
          .onConflict((oc) => oc.column('slug').doUpdateSet({ slug: (eb) => eb.ref('excluded.slug') }))
          .returning('id')
          .executeTakeFirstOrThrow();
        id = row.id;
        this.slugs.add(slug);
        this.byKey.set(key, id);
        this.created++;
      }
      if (!ids.includes(id)) ids.push(id);
    }
    return ids.sort((a, b) => Number(a) - Number(b));
  }
}

const TRANSLIT: Record<string, string> = {
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'g',
  д: 'd',
  е: 'e',
  ё: 'e',
  ж: 'zh',
  з: 'z',
  и: 'i',
  й: 'i',
  к: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ф: 'f',
  х: 'kh',
  ц: 'ts',
  ч: 'ch',
  ш: 'sh',
  щ: 'shch',
  ъ: '',
  ы: 'y',
  ь: '',
  э: 'e',
  ю: 'iu',
  я: 'ia',
  ә: 'a',
  ғ: 'g',
  қ: 'q',
  ң: 'n',
  ө: 'o',
  ұ: 'u',
  ү: 'u',
  һ: 'h',
  і: 'i',
};

/** A slug from a name in any of the languages: "Права ребёнка" → "prava-rebenka". */
export function slugOf(name: string): string {
  const latin = Array.from(name.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase())
    .map((c) => TRANSLIT[c] ?? c)
    .join('');
  const slug = latin
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 70)
    .replace(/-+$/, '');
  return slug || 'item';
}

/** The language a name is probably in, from its letters. */
function langOf(name: string): 'en' | 'ru' | 'kk' {
  if (/[әғқңөұүһі]/i.test(name)) return 'kk';
  if (/\p{Script=Cyrillic}/u.test(name)) return 'ru';
  return 'en';
}
