import assert from 'node:assert/strict';
import type { TestClient } from './client.ts';
import { errorsOf } from './html.ts';

/**
 * Writes a proposal through the form as `author` would and saves it as a draft (not submitted);
 * fails unless it is saved. The draft's page address and id.
 */
export async function draftProposal(
  author: TestClient,
  fields: Record<string, string>,
): Promise<{ url: string; id: string }> {
  const res = await author.post('/en/proposals', { intent: 'save', ...fields });
  assert.equal(res.statusCode, 303, errorsOf(res.body));
  const url = String(res.headers.location);
  return { url, id: url.split('/')[3] ?? '' };
}
