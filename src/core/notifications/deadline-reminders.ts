import type { Db } from '../db/database.ts';
import type { NotificationKind } from '../extensions.ts';
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

/** A reminder's notice kind (each person chooses their e-mail per kind, decision 0024) and the notice's text. */
export interface ReminderKind extends NotificationKind {
  message: MessageKey;
}

/** The notice kinds and texts of a reminder before and after the deadline, and its sent-marker's name. */
export interface DeadlineReminder {
  marker: string;
  soon: ReminderKind;
  overdue: ReminderKind;
  /** Both kinds, for the domain's noticeSource. */
  kinds: readonly ReminderKind[];
}

/** A name whose four texts exist: the kinds' labels `notify.kind.${name}DueSoon|Overdue`, the notices' `notice.${name}DueSoon|Overdue`. */
type ReminderName<N extends string> =
  | `notify.kind.${N}DueSoon`
  | `notify.kind.${N}Overdue`
  | `notice.${N}DueSoon`
  | `notice.${N}Overdue` extends MessageKey
  ? N
  : never;

/**
 * The reminder of a kind of deadline that an organisation's representatives must meet, by its name
 * ('action'): its sent-marker, and its two kinds (`${name}-due-soon`, in the daily digest by default;
 * `${name}-overdue`, at once) with their labels and notices' texts named after it.
 */
export function deadlineReminder<N extends string>(name: ReminderName<N>): DeadlineReminder {
  const kind = (suffix: 'DueSoon' | 'Overdue', key: string, choice: NotificationKind['default']): ReminderKind => ({
    key: `${name}-${key}`,
    label: `notify.kind.${name}${suffix}` as MessageKey,
    message: `notice.${name}${suffix}` as MessageKey,
    default: choice,
    roles: ['representative'],
  });
  const soon = kind('DueSoon', 'due-soon', 'daily');
  const overdue = kind('Overdue', 'overdue', 'immediately');
  return { marker: name, soon, overdue, kinds: [soon, overdue] };
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
        kind: reminder[when].key,
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
