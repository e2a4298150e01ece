import { sql } from 'kysely';
import { claimDigestRecipients } from '../../accounts/index.ts';
import { commentDigestLine, commentsAwaitDigest, takeCommentDigest } from '../../core/comments/digest.ts';
import type { Db } from '../../core/db/database.ts';
import type { Job } from '../../core/extensions.ts';
import { i18nFor } from '../../core/i18n/i18n.ts';
import { pick } from '../../core/i18n/translated.ts';
import { queueEmail } from '../../core/mail/outbox.ts';
import { eventText } from '../events.ts';

/*
 * Daily and weekly digests of notifications not yet e-mailed: the proposals' and the comments' (one
 * digest per person: core/comments/digest.ts hands over the comments' waiting ones). Safe with several processes: a user
 * is claimed by one UPDATE … RETURNING that moves their digest_sent_at, and their notifications are
 * marked e-mailed in the same transaction that writes the digest, so nobody gets one twice.
 */
export async function sendDigests(db: Db, publicUrl: string): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const users = await claimDigestRecipients(
      trx,
      (userId) =>
        sql<boolean>`(EXISTS (SELECT 1 FROM notifications n WHERE n.user_id = ${userId} AND n.emailed_at IS NULL)
          OR ${commentsAwaitDigest(userId)})`,
    );
    if (users.length === 0) return 0;
    const items = await trx
      .updateTable('notifications as n')
      .set({ emailed_at: sql`now()` })
      .from('proposal_events as e')
      .whereRef('e.id', '=', 'n.event_id')
      .where(
        'n.user_id',
        'in',
        users.map((u) => u.id),
      )
      .where('n.emailed_at', 'is', null)
      .returning(['n.user_id as userId', 'e.proposal_id as proposalId', 'e.kind', 'e.detail'])
      .execute();
    const comments = await takeCommentDigest(
      trx,
      users.map((u) => u.id),
    );
    const proposalIds = [...new Set(items.map((i) => i.proposalId))];
    // A digest of comments only names no proposal.
    const titles =
      proposalIds.length === 0
        ? []
        : await trx.selectFrom('proposals').select(['id', 'title']).where('id', 'in', proposalIds).execute();
    for (const u of users) {
      const mine = items.filter((i) => i.userId === u.id);
      const myComments = comments.filter((c) => c.userId === u.id);
      if (mine.length + myComments.length === 0) continue;
      const t = i18nFor(u.locale);
      const lines = mine.map((i) => {
        const title = pick(titles.find((x) => x.id === i.proposalId)?.title, u.locale)?.text ?? '';
        return `• ${title}: ${eventText(i.kind, i.detail, t)}\n  ${publicUrl}/${u.locale}/proposals/${i.proposalId}`;
      });
      lines.push(...myComments.map((c) => commentDigestLine(c, t, publicUrl)));
      await queueEmail(trx, {
        to: u.email,
        latinScript: u.latinScript,
        subject: t.t('email.digest.subject', { count: lines.length }),
        text: t.t('email.digest.body', { items: lines.join('\n'), settings: `${publicUrl}/${u.locale}/notifications` }),
      });
    }
    return users.length;
  });
}

/** The daily and weekly digests, looked for every 15 minutes in each process (core/jobs.ts). */
export const digestJob: Job = {
  name: 'proposal digests',
  everyMs: 15 * 60_000,
  run: ({ db, publicUrl }) => sendDigests(db, publicUrl),
};
