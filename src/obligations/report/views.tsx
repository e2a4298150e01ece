import type { PageContext } from '../../core/html/context.ts';
import { Layout } from '../../core/html/layout.tsx';
import { type CompiledReport, countFallbacks } from './compile.ts';
import { CycleFacts, FallbackNote, Group, Recommendation, reportTitle } from './parts.tsx';

/** GET /{lang}/cycles/:id/report — the printable draft. */
export function ReportPage({ ctx, report }: { ctx: PageContext; report: CompiledReport }) {
  const { i18n } = ctx;
  const base = `/${i18n.lang}/cycles/${report.cycle.id}`;
  return (
    <Layout ctx={ctx} title={reportTitle(report, i18n, 'report.title')}>
      <p class="breadcrumbs">
        <a href={base}>{i18n.t('report.backToCycle')}</a>
      </p>
      <article class="national-report">
        <h1>{i18n.t('report.title')}</h1>
        <p class="lead">{i18n.t('report.subtitle')}</p>
        <CycleFacts report={report} i18n={i18n} />
        <p>{i18n.t('report.intro')}</p>
        <p class="button-row">
          <a class="button" href={`${base}/report.docx`} download>
            {i18n.t('report.download')}
          </a>{' '}
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
      </article>
    </Layout>
  );
}
