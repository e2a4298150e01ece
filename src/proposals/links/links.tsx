import type { PageContext } from '../../core/html/context.ts';
import { TLink } from '../../core/html/links.tsx';
import type { ProposalLink } from './queries.ts';

/** A short list of proposals with their status, overdue answers flagged. */
export function ProposalLinks({ ctx, items }: { ctx: PageContext; items: ProposalLink[] }) {
  const { i18n } = ctx;
  return (
    <ul class="proposal-links">
      {items.map((p) => (
        <li>
          <TLink href={`/${i18n.lang}/proposals/${p.id}`} value={p.title} i18n={i18n} />{' '}
          <span class="badge">{i18n.t(`proposal.status.${p.status}`)}</span>
          {p.overdue && <strong class="overdue"> {i18n.t('proposal.overdue')}</strong>}
        </li>
      ))}
    </ul>
  );
}
