import type { z } from 'zod';
import { insertAudited } from '../../core/audited-writes.ts';
import { can } from '../../core/auth/policy.ts';
import type { CurrentUser } from '../../core/auth/user.ts';
import type { Db } from '../../core/db/database.ts';
import type { StoredFile } from '../../core/files/files.ts';
import { collectTranslated, ID_PATTERN } from '../../core/http/forms.ts';
import { HttpError, notFound } from '../../core/http/http-error.ts';
import { factsOf, proposalById } from '../proposal/queries.ts';
import type { AttachmentFields } from '../schema.ts';
import { canSeeProposal } from '../visibility.ts';

/**
 * The proposal a user may attach a file to: one they may see (else 404, as for an unknown id), of
 * which they represent an author (else 403), still open (else 409).
 */
export async function proposalToAttachTo(db: Db, user: CurrentUser, id: string): Promise<string> {
  const proposal = ID_PATTERN.test(id) ? await proposalById(db, id, user) : undefined;
  if (!proposal || !canSeeProposal(user, factsOf(proposal))) throw notFound();
  if (!proposal.authors.some((a) => can(user, 'act-for-organisation', { organisationId: a.id })))
    throw new HttpError(403, 'attach');
  if (['withdrawn', 'merged'].includes(proposal.status)) throw new HttpError(409, 'closed', 'proposal.notAllowedNow');
  return proposal.id;
}

/** Links a stored file to the proposal, in the upload's transaction, with its audit entry. */
export async function attachFile(
  trx: Db,
  user: CurrentUser,
  proposalId: string,
  file: StoredFile,
  fields: z.output<typeof AttachmentFields>,
): Promise<void> {
  const title = collectTranslated(fields, 'title');
  await insertAudited(trx, user, {
    table: 'proposal_attachments',
    values: { proposal_id: proposalId, file_id: file.id, title: JSON.stringify(title) },
    entity: 'proposal_attachment',
    after: { proposalId, file },
  });
}
