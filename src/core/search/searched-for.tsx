import type { PageContext } from '../html/context.ts';

/**
 * "Showing results for …" where a query's words were corrected (typos.ts): the search page, the
 * proposals tracker and the recommendations explorer say it alike. Nothing when nothing was.
 */
export function SearchedFor({ ctx, text }: { ctx: PageContext; text: string | null | undefined }) {
  if (!text) return null;
  return (
    <p class="searched-for">
      {ctx.i18n.t('search.searchedFor')} <strong>{text}</strong>
    </p>
  );
}
