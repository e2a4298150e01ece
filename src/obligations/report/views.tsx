import type { ComponentChildren } from 'preact';
import type { PageContext } from '../../core/html/context.ts';
import { Layout } from '../../core/html/layout.tsx';
import { ButtonLink } from '../../core/html/links.tsx';
import type { MessageKey } from '../../core/i18n/i18n.ts';
import { Breadcrumbs } from '../breadcrumbs.tsx';
import { type CompiledReport, countFallbacks, subtitleKey } from './compile.ts';
import { CycleFacts, FallbackNote, Group, Recommendation, reportTitle } from './parts.tsx';

/** GET /{lang}/cycles/:id/report — the printable draft. */
export function ReportPage({ ctx, report }: { ctx: PageContext; report: CompiledReport }) {
  const { i18n } = ctx;
  const base = `/${i18n.lang}/cycles/${report.cycle.id}`;
  return (
    <ReportFrame ctx={ctx} report={report} title="report.title" intro="report.intro">
      <p class="button-row">
        <ButtonLink href={`${base}/report.docx`} download>
          {i18n.t('report.download')}
        </ButtonLink>{' '}
        <a href={`${base}/report/civil-society`}>{i18n.t('report.toCivilSociety')}</a>
      </p>
      <FallbackNote count={countFallbacks(report)} i18n={i18n} />
      {report.groups.length === 0 ? (
        <p>{i18n.t('report.empty')}</p>
      ) : (
        report.groups.map((g) => (
          <Group group={g} i18n={i18n} render={(r, level) => <Recommendation r={r} level={level} i18n={i18n} />} />
        ))
      )}
    </ReportFrame>
  );
}

/** A report's page: back to its cycle, its title, the cycle's facts and what the report is, then `children`. */
export function ReportFrame({
  ctx,
  report,
  title,
  intro,
  className,
  children,
}: {
  ctx: PageContext;
  report: CompiledReport;
  title: 'report.title' | 'report.cs.title';
  intro: MessageKey;
  className?: string;
  children: ComponentChildren;
}) {
  const { i18n } = ctx;
  return (
    <Layout ctx={ctx} title={reportTitle(report, i18n, title)}>
      <Breadcrumbs href={`/${i18n.lang}/cycles/${report.cycle.id}`} label={i18n.t('report.backToCycle')} />
      <article class={className ? `national-report ${className}` : 'national-report'}>
        <h1>{i18n.t(title)}</h1>
        <p class="lead">{i18n.t(subtitleKey(report))}</p>
        <CycleFacts report={report} i18n={i18n} />
        <p>{i18n.t(intro)}</p>
        {children}
      </article>
    </Layout>
  );
}
