import type { Db } from '../db/database.ts';
import type { MessageKey } from '../i18n/i18n.ts';
import type { Translated } from '../i18n/translated.ts';
import { notify } from './notices.ts';

/** Something an organisation must do by a day: an action to carry out, an answer to give. */
export interface DueItem {
  /** Names the thing in the sent-marker. */
  id: string;
  organisationId: string;
  /** YYYY-MM-DD. */
  deadline: string;
  overdue: boolean;
  /** The notice's record and path (see `Notice`). */
  record: string;
  path: string;
  title: Translated;
}

/** The notice kinds and texts of a reminder before and after the deadline, and its sent-marker's name. */
export interface DeadlineReminder {
  marker: string;
  soon: { kind: string; message: MessageKey };
  overdue: { kind: string; message: MessageKey };
}

/**
 * Reminds the people of each item's organisation (`peopleOf`, given the organisations' ids) that its
 * deadline is near or has passed, in the caller's transaction. Each reminder is a notice with a
 * sent-marker naming the item and its deadline (a moved deadline is reminded anew): however many
 * processes run the job, and however often, each person is told once. Returns how many were told.
 */
export async function remindOfDeadlines(
  trx: Db,
  items: readonly DueItem[],
  reminder: DeadlineReminder,
  peopleOf: (organisationIds: string[]) => Promise<readonly { id: string; organisationId: string | null }[]>,
): Promise<number> {
  if (items.length === 0) return 0;
  const people = await peopleOf([...new Set(items.map((i) => i.organisationId))]);
  let told = 0;
  for (const item of items) {
    const when = item.overdue ? 'overdue' : 'soon';
    const ids = await notify(
      trx,
      people.filter((p) => p.organisationId === item.organisationId).map((p) => p.id),
      {
        kind: reminder[when].kind,
        record: item.record,
        path: item.path,
        title: item.title,
        message: reminder[when].message,
        params: { deadline: { date: item.deadline } },
        onceKey: `${reminder.marker}-${when}:${item.id}:${item.deadline}`,
      },
    );
    told += ids.length;
  }
  return told;
}
