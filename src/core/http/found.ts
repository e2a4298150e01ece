import { ID_PATTERN } from './forms.ts';
import { notFound } from './http-error.ts';

/**
 * The record that `find` returns for an id taken from the address, else a 404 (`what` and the id go to
 * the log): an id that is not a number is not looked up at all.
 */
export async function foundById<T>(
  what: string,
  id: string,
  find: (id: string) => Promise<T | null | undefined>,
): Promise<T> {
  const found = ID_PATTERN.test(id) ? await find(id) : undefined;
  if (found === undefined || found === null) throw notFound(`${what} ${id}`);
  return found;
}
