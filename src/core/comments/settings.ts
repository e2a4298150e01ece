import { z } from 'zod';
import type { Db } from '../db/database.ts';
import type { CommentTarget } from '../extensions.ts';
import { setting } from '../settings.ts';

/*
 * What the body chooses about comments (core's `comments` setting): pre- or post-moderation per kind
 * of record, comments closing some days after a record's publication per kind, and the words that
 * send a comment to the moderation queue instead of publishing it.
 */

const Settings = z.object({
  moderation: z.record(z.string(), z.enum(['pre', 'post'])).default({}),
  closeAfterDays: z.record(z.string(), z.number().int().min(0)).default({}),
  words: z.array(z.string()).default([]),
});
export type CommentSettings = z.output<typeof Settings>;

/** The settings, in one query; unset or unreadable parts take their defaults (post-moderation, never closed). */
export async function commentSettings(db: Db): Promise<CommentSettings> {
  const parsed = Settings.safeParse((await setting(db, 'comments')) ?? {});
  return parsed.success ? parsed.data : Settings.parse({});
}

/** Writes them (the secretariat's choice; tests). */
export async function saveCommentSettings(db: Db, value: Partial<CommentSettings>): Promise<void> {
  const json = JSON.stringify(Settings.parse(value));
  await db
    .insertInto('settings')
    .values({ key: 'comments', value: json })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: json }))
    .execute();
}

/** Whether a record takes comments now: its domain says so, and the days after its publication have not run out. */
export function commentsOpen(
  settings: CommentSettings,
  kind: string,
  target: CommentTarget,
  now = new Date(),
): boolean {
  if (!target.open) return false;
  const days = settings.closeAfterDays[kind];
  if (days === undefined || !target.publishedAt) return true;
  return now.getTime() < target.publishedAt.getTime() + days * 86_400_000;
}

const fold = (s: string) => s.normalize('NFKC').toLocaleLowerCase('ru').replace(/ё/g, 'е');

/** Whether the text holds a word (or phrase) of the list, whatever its case; a listed word matches as a word's start. */
export function heldByWords(body: string, words: readonly string[]): boolean {
  const text = fold(body);
  return words.some((w) => {
    const word = fold(w).trim();
    if (!word) return false;
    let at = text.indexOf(word);
    while (at >= 0) {
      if (at === 0 || !/[\p{L}\p{N}]/u.test(text[at - 1] ?? '')) return true;
      at = text.indexOf(word, at + 1);
    }
    return false;
  });
}
