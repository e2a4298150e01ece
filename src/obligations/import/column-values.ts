import { splitValues } from './cells.ts';

/*
 * The distinct values of each column of a file, collected while it is first read, for the columns
 * that hold a vocabulary (themes, States, recommending States): the preview lists those Kenes does
 * not know yet and asks the person about them before anything is written. A column with more
 * distinct values than a vocabulary has (the recommendations' texts) stops being collected at once.
 */

/** More distinct values than this, and a column is not a vocabulary (UPR Info has ~60 issues, 195 States). */
export const MAX_DISTINCT = 400;
const MAX_VALUE_CHARS = 200;

export class ColumnValues {
  private readonly columns = new Map<string | number, Map<string, string> | null>();

  /** Adds a cell's values (one per line or behind ";", as rows are read) under its column. */
  add(column: string | number, cell: string): void {
    let values = this.columns.get(column);
    if (values === null) return;
    if (values === undefined) {
      values = new Map();
      this.columns.set(column, values);
    }
    for (const value of splitValues(cell)) {
      if (value.length > MAX_VALUE_CHARS || (values.size >= MAX_DISTINCT && !values.has(value))) {
        this.columns.set(column, null);
        return;
      }
      values.set(value, value);
    }
  }

  /** The values of each column in `order` (the header's indexes or JSON keys), null where too many. */
  result(order: (string | number)[]): (string[] | null)[] {
    return order.map((column) => {
      const values = this.columns.get(column);
      if (values === null) return null;
      return values ? [...values.keys()] : [];
    });
  }
}
