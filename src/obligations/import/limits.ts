/** The limits of an imported file of recommendations. */

/** The largest file accepted: 100 MiB. */
export const MAX_FILE_BYTES = 100 * 1024 * 1024;
/** The longest cell accepted, in characters; a longer one rejects its row. */
export const MAX_CELL_CHARS = 20_000;
/** A record (CSV line, JSON object) longer than this is not a row of a table. */
export const MAX_RECORD_CHARS = 1_000_000;
export const MAX_COLUMNS = 200;
/** Rows shown in the preview. */
export const SAMPLE_ROWS = 10;
