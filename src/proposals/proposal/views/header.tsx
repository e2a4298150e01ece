import { ErrorSummary } from '../../../core/html/form.tsx';
import { T } from '../../../core/html/text.tsx';
import { type SectionProps, scope } from './data.ts';
import { ProposalFacts } from './facts.tsx';
import { MarkdownText } from './markdown-text.tsx';

/** The proposal itself: number, kind, status, title, the errors of a posted form, its facts and its text. */
export function ProposalHeader(props: SectionProps) {
  const { ctx, data } = props;
  const { i18n, lang, p } = scope(props);
  return (
    <>
      <nav class="breadcrumbs" aria-label={i18n.t('proposals.title')}>
        <a href={`/${lang}/proposals`}>{i18n.t('proposals.title')}</a>
      </nav>
      <p class="eyebrow">
        {i18n.t('proposal.number', { id: p.id })} · {i18n.t(`proposal.kind.${p.kind}`)}{' '}
        <span class="badge">{i18n.t(`proposal.status.${p.status}`)}</span>
      </p>
      <h1>
        <T value={p.title} i18n={i18n} />
      </h1>
      <ErrorSummary ctx={ctx} errors={Object.assign({}, ...Object.values(data.forms ?? {}).map((f) => f.errors))} />
      {p.duplicateOf && (
        <p class="flash">
          <a href={`/${lang}/proposals/${p.duplicateOf}`}>{i18n.t('proposal.duplicateOf', { id: p.duplicateOf })}</a>
        </p>
      )}
      <ProposalFacts {...props} />
      <MarkdownText value={p.body} i18n={i18n} class="proposal-body" />
    </>
  );
}
