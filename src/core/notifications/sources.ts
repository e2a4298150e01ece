import type { CurrentUser } from '../auth/user.ts';
import type { Db } from '../db/database.ts';
import type { NotificationItem, NotificationSource } from '../extensions.ts';

/** How many notifications the page shows. */
export const NOTIFICATIONS_SHOWN = 100;

/** A person's newest notifications from every source, newest first (one query per source). */
export async function allNotifications(
  db: Db,
  sources: readonly NotificationSource[],
  user: CurrentUser,
): Promise<NotificationItem[]> {
  const lists = await Promise.all(sources.map((s) => s.list(db, user, NOTIFICATIONS_SHOWN)));
  return lists
    .flat()
    .sort((a, b) => b.at.getTime() - a.at.getTime())
    .slice(0, NOTIFICATIONS_SHOWN);
}

/** Marks every source's notifications of a person read. */
export async function markAllRead(db: Db, sources: readonly NotificationSource[], user: CurrentUser): Promise<void> {
  await Promise.all(sources.map((s) => s.markAllRead(db, user)));
}
