import { z } from 'zod';

/** The JSON of one page of a list in the API: its items, how many match in all, and the page's limit and offset. */
export function listPageSchema<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    total: z.number().int(),
    limit: z.number().int(),
    offset: z.number().int(),
  });
}
