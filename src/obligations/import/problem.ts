/**
 * Why a file or a row cannot be imported: a message key of the import.* messages and its
 * parameters, so that the reason is stored once and shown in each reader's language.
 */
export interface Reason {
  key: string;
  params?: Record<string, unknown>;
}

/** A file that cannot be imported as a whole (not a table, unreadable, too large). Nothing is written. */
export class ImportProblem extends Error {
  override name = 'ImportProblem';
  constructor(
    readonly key: string,
    readonly params: Record<string, string | number> = {},
  ) {
    super(`${key} ${JSON.stringify(params)}`);
  }

  get reason(): Reason {
    return { key: this.key, params: this.params };
  }
}
