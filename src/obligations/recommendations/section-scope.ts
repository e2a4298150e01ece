import type { PageContext } from '../../core/html/context.ts';

/** What every section of a recommendation's page reads from its context: the texts, the language, whether staff see it. */
export function sectionScope(ctx: PageContext) {
  return { i18n: ctx.i18n, lang: ctx.i18n.lang, staff: ctx.can('manage-obligations') };
}
