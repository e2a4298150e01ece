import type { AccountDeletedHook } from '../extensions.ts';

/**
 * The comments' part in deleting an account (decision 0021), as the body's setting says: 'anonymise'
 * keeps the person's comments, shown as a deleted user's (what they said for their organisation stays
 * the organisation's); 'remove' takes their text away as the author's own deletion does — a placeholder
 * stays above the replies others wrote, which are theirs. Either way nothing ties them to the person
 * any more, and their notifications and blocks go. Their reports of others' comments stay for the
 * moderators, from a deleted user.
 */
export const commentsOnAccountDeleted: AccountDeletedHook = {
  name: 'comments',
  async run(trx, { userId, comments }) {
    await trx
      .updateTable('comments')
      .set(
        comments === 'remove'
          ? { author_id: null, state: 'deleted', body: '', hidden_reason: null, held_for: null }
          : { author_id: null },
      )
      .where('author_id', '=', userId)
      .execute();
    await trx.deleteFrom('comment_notifications').where('user_id', '=', userId).execute();
    await trx.deleteFrom('comment_blocks').where('user_id', '=', userId).execute();
  },
};
