import type { PageContext } from '../../core/html/context.ts';
import { Checkbox } from '../../core/html/fields.tsx';
import { Button } from '../../core/html/form.tsx';
import { ButtonLink } from '../../core/html/links.tsx';
import { Table } from '../../core/html/table.tsx';
import type { I18n } from '../../core/i18n/i18n.ts';
import {
  type CompiledReport,
  countFallbacks,
  differingCount,
  type ReportAssessment,
  type ReportRecommendation,
  SIDES,
} from './compile.ts';
import { recommendationTitle } from './labels.ts';
import { DateText, FallbackNote, Group, Heading, RecommendationText, Txt } from './parts.tsx';
import { ReportFrame } from './views.tsx';

function SideBySide({ r, i18n }: { r: ReportRecommendation; i18n: I18n }) {
  const bySide = (side: ReportAssessment['side']) => r.assessments.filter((a) => a.side === side);
  return (
    <Table
      className="data side-by-side-assessments"
      caption={i18n.t('report.cs.sideBySideCaption')}
      columns={SIDES.map((side) => i18n.t(`obligations.side.${side}`))}
    >
      <tr>
        {SIDES.map((side) => {
          const list = bySide(side);
          return (
            <td data-side={side}>
              {list.length === 0 ? (
                <span class="muted">{i18n.t('report.cs.noAssessment')}</span>
              ) : (
                list.map((a) => (
                  <div class="assessment">
                    <p>
                      <strong>{i18n.t(`obligations.level.${a.level}`)}</strong>
                      {' — '}
                      <Txt value={a.organisation} i18n={i18n} />, <DateText value={a.assessedOn} i18n={i18n} />
                    </p>
                    <p>
                      <Txt value={a.reasons} i18n={i18n} />
                    </p>
                  </div>
                ))
              )}
            </td>
          );
        })}
      </tr>
    </Table>
  );
}

function CivilSocietyRecommendation({ r, level, i18n }: { r: ReportRecommendation; level: number; i18n: I18n }) {
  const id = `recommendation-${r.id}`;
  return (
    <section
      class={r.differs ? 'report-recommendation differs' : 'report-recommendation'}
      id={id}
      aria-labelledby={`${id}-title`}
    >
      <Heading level={level} id={`${id}-title`}>
        {recommendationTitle(r, i18n)}
      </Heading>
      {r.differs && (
        <p>
          <mark class="differs-mark">{i18n.t('report.cs.differs')}</mark>
        </p>
      )}
      <RecommendationText r={r} i18n={i18n} />
      <SideBySide r={r} i18n={i18n} />
    </section>
  );
}

/** GET /{lang}/cycles/:id/report/civil-society — the assessments side by side. */
export function CivilSocietyPage({
  ctx,
  report,
  shown,
  onlyDiffering,
}: {
  ctx: PageContext;
  /** The whole report (for the counts). */
  report: CompiledReport;
  /** What is listed: the whole report or only the recommendations whose assessments differ. */
  shown: CompiledReport;
  onlyDiffering: boolean;
}) {
  const { i18n } = ctx;
  const base = `/${i18n.lang}/cycles/${report.cycle.id}`;
  const differing = differingCount(report);
  const shownCount = shown.groups.reduce((n, g) => n + g.recommendations.length, 0);
  const docxHref = `${base}/report/civil-society.docx${onlyDiffering ? '' : '?filter=1'}`;
  return (
    <ReportFrame
      ctx={ctx}
      report={report}
      title="report.cs.title"
      intro="report.cs.intro"
      className="civil-society-view"
    >
      <form method="get" action={`${base}/report/civil-society`} class="filters">
        <input type="hidden" name="filter" value="1" />
        <fieldset>
          <legend>{i18n.t('report.cs.filter')}</legend>
          <Checkbox name="differing" label={i18n.t('report.cs.onlyDiffering')} checked={onlyDiffering} />
        </fieldset>
        <Button>{i18n.t('report.cs.apply')}</Button>
      </form>
      <p class="report-counts">
        {i18n.t('report.cs.shown', { shown: shownCount, total: report.recommendationCount })}{' '}
        {differing === 0 ? i18n.t('report.cs.noneDiffering') : i18n.t('report.cs.differingCount', { count: differing })}
      </p>
      <p class="button-row">
        <ButtonLink href={docxHref} download>
          {i18n.t('report.downloadCivilSociety')}
        </ButtonLink>{' '}
        <a href={`${base}/report`}>{i18n.t('report.toReport')}</a>
      </p>
      <FallbackNote count={countFallbacks(shown, { actions: false })} i18n={i18n} />
      {report.groups.length === 0 && <p>{i18n.t('report.empty')}</p>}
      {shown.groups.map((g) => (
        <Group
          group={{ ...g, cluster: g.cluster && { ...g.cluster, actions: [] } }}
          i18n={i18n}
          render={(r, level) => <CivilSocietyRecommendation r={r} level={level} i18n={i18n} />}
        />
      ))}
    </ReportFrame>
  );
}
