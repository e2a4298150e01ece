import type { Db } from '../db/database.ts';
import type { Commentable } from '../extensions.ts';
import { ID_PATTERN } from '../http/forms.ts';
import { HttpError } from '../http/http-error.ts';
import type { SharedReads } from '../http/shared-reads.ts';
import type { CommentPeople } from './people.ts';

/** What the comments feature works with: the database, every domain's Commentable, the people fragments, the public address. */
export interface CommentsEnv {
  db: Db;
  commentables: readonly Commentable[];
  people: CommentPeople;
  publicUrl: string;
  /** Reads kept while nothing changes (app.shared): the comment settings on pages. */
  shared?: SharedReads;
}

/** The Commentable of a kind, or 404 (as for an unknown record). */
export function commentableOf(env: CommentsEnv, kind: string): Commentable {
  const found = env.commentables.find((c) => c.kind === kind);
  if (!found) throw new HttpError(404, `no commentable kind ${kind}`);
  return found;
}

/**
 * A Commentable whose target answers null (an unknown record) for an id not of its kind's form,
 * without asking the domain: an id from an address never reaches a query as what it cannot be.
 */
export function guardedCommentable(c: Commentable): Commentable {
  const pattern = c.idPattern ?? ID_PATTERN;
  return { ...c, target: (db, reader, id) => (pattern.test(id) ? c.target(db, reader, id) : Promise.resolve(null)) };
}
