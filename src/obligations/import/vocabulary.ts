import type { Db } from '../../core/db/database.ts';
import type { Translated } from '../../core/i18n/translated.ts';
import { nameKey } from '../state-codes.ts';
import { synonymKeys } from './theme-synonyms.ts';

/** What the person decided in the preview for a theme Kenes did not know: create it, or file under an existing one. */
export type NewThemeDecision = 'new' | { themeId: string };

/**
 * The themes or affected groups: found by name in any language, by slug or (themes) by a known
 * synonym (theme-synonyms.ts). A theme not found is created only when the person confirmed it
 * (`decisions`), else left out of the row and counted; affected groups are created when new.
 */
export class Vocabulary {
  private readonly byKey = new Map<string, string>();
  private readonly slugs = new Set<string>();
  private readonly ids_ = new Set<string>();
  created = 0;
  /** Names left out because nobody confirmed them (themes only), each once. */
  readonly leftOut = new Set<string>();

  constructor(
    private readonly table: 'themes' | 'affected_groups',
    private readonly decisions?: ReadonlyMap<string, NewThemeDecision>,
  ) {}

  async load(db: Db): Promise<void> {
    const rows = await db.selectFrom(this.table).select(['id', 'slug', 'name']).execute();
    this.learn(rows);
  }

  /** Takes the existing entries (as `load` reads them). */
  learn(rows: { id: string; slug: string; name: unknown }[]): void {
    const bySlug = new Map<string, string>();
    for (const r of rows) {
      this.slugs.add(r.slug);
      this.ids_.add(r.id);
      bySlug.set(r.slug, r.id);
      this.byKey.set(nameKey(r.slug), r.id);
      for (const name of Object.values(r.name as Translated)) if (name) this.byKey.set(nameKey(name), r.id);
    }
    if (this.table !== 'themes') return;
    // Synonyms come after every real name: a theme a deployment named so itself keeps that name.
    for (const [key, slug] of synonymKeys()) {
      const id = bySlug.get(slug);
      if (id && !this.byKey.has(key)) this.byKey.set(key, id);
    }
  }

  /** The id of an existing entry this name matches, or undefined. */
  match(name: string): string | undefined {
    return this.byKey.get(nameKey(name));
  }

  /** Ids of the names; new ones created (inside the import's transaction) as described above. */
  async ids(trx: Db, names: string[]): Promise<string[]> {
    const ids: string[] = [];
    for (const name of names) {
      const key = nameKey(name);
      let id = this.byKey.get(key);
      if (!id && this.table === 'themes') {
        const decision = this.decisions?.get(key);
        if (decision === undefined) {
          this.leftOut.add(name);
          continue;
        }
        if (decision !== 'new') {
          // An id the form offered; a theme removed since then leaves the name out rather than failing.
          if (!this.ids_.has(decision.themeId)) {
            this.leftOut.add(name);
            continue;
          }
          id = decision.themeId;
          this.byKey.set(key, id);
        }
      }
      if (!id) id = await this.create(trx, name, key);
      if (!ids.includes(id)) ids.push(id);
    }
    return ids.sort((a, b) => Number(a) - Number(b));
  }

  /** A new entry named in the file's language only: its other languages stay empty (shown "not translated"). */
  private async create(trx: Db, name: string, key: string): Promise<string> {
    let slug = slugOf(name);
    for (let n = 2; this.slugs.has(slug); n++) slug = `${slugOf(name).slice(0, 70)}-${n}`;
    const row = await trx
      .insertInto(this.table)
      .values({ slug, name: JSON.stringify({ [langOf(name)]: name }) })
      .onConflict((oc) => oc.column('slug').doUpdateSet({ slug: (eb) => eb.ref('excluded.slug') }))
      .returning('id')
      .executeTakeFirstOrThrow();
    this.slugs.add(slug);
    this.ids_.add(row.id);
    this.byKey.set(key, row.id);
    this.created++;
    return row.id;
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
