import type { Db } from './db/database.ts';

/** The value of one platform setting (core's settings table), undefined when unset: one query. */
export async function setting(db: Db, key: string): Promise<unknown> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
  return row?.value;
}

/** Every platform setting an administrator may change, with its allowed values (the admin settings page). */
export const PLATFORM_SETTINGS = {
  /** What becomes of a deleted account's comments (decision 0021). */
  comments_on_account_deletion: ['anonymise', 'remove'],
  /** The licence of the open data (decision 0028; core/open-data/licences.ts names each). */
  open_data_licence: ['CC-BY-4.0', 'CC-BY-SA-4.0', 'CC0-1.0', 'ODbL-1.0'],
} as const;
export type PlatformSetting = keyof typeof PLATFORM_SETTINGS;
export type PlatformSettings = { [K in PlatformSetting]: (typeof PLATFORM_SETTINGS)[K][number] };

/** The platform settings, each its stored value or else its first allowed one: one query. */
export async function platformSettings(db: Db): Promise<PlatformSettings> {
  const keys = Object.keys(PLATFORM_SETTINGS) as PlatformSetting[];
  const rows = await db.selectFrom('settings').select(['key', 'value']).where('key', 'in', keys).execute();
  const stored = new Map(rows.map((r) => [r.key, r.value]));
  return Object.fromEntries(
    keys.map((k) => {
      const allowed: readonly unknown[] = PLATFORM_SETTINGS[k];
      const v = stored.get(k);
      return [k, allowed.includes(v) ? v : allowed[0]];
    }),
  ) as PlatformSettings;
}

/** Stores platform settings (the caller checks the policy and audits, in its transaction). */
export async function storePlatformSettings(db: Db, values: Partial<PlatformSettings>): Promise<void> {
  for (const [key, value] of Object.entries(values)) {
    await db
      .insertInto('settings')
      .values({ key, value: JSON.stringify(value) })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(value) }))
      .execute();
  }
}
