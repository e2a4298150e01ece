import type { ComponentChildren } from 'preact';
import type { PageContext } from '../../core/html/context.ts';
import { Checkbox } from '../../core/html/form.tsx';
import { Layout } from '../../core/html/layout.tsx';
import type { I18n } from '../../core/i18n/i18n.ts';
import {
  type CompiledReport,
  countFallbacks,
  differingCount,
  type ReportAction,
  type ReportAssessment,
  type ReportGroup,
  type ReportRecommendation,
  SIDES,
  type Text,
} from './compile.ts';
import { isWebLink, mechanismLabel, paragraphsOf, plainText, recommendationTitle, responseLabel } from './labels.ts';

/** A text in the page's language, or in another one with its `lang` and a visible "not translated" mark. */
function Txt({ value, i18n }: { value: Text | undefined; i18n: I18n }) {
  if (!value) return null;
  if (!value.fallback) return <>{value.text}</>;
  const title = i18n.t('lang.notTranslatedTitle', { language: i18n.t(`lang.name.${value.lang}`) });
  return (
    <>
      <span lang={value.lang}>{value.text}</span>{' '}
      <small class="untranslated" title={title}>
        ({i18n.t('lang.notTranslated')})
      </small>
    </>
  );
}

/** A longer text in paragraphs, marked as a whole when it is in another language. */
function Paragraphs({ value, i18n }: { value: Text | undefined; i18n: I18n }) {
  if (!value) return null;
  const parts = paragraphsOf(value.text);
  return (
    <div lang={value.fallback ? value.lang : undefined}>
      {parts.map((p, i) => (
        <p>
          {p}
          {value.fallback && i === parts.length - 1 && (
            <>
              {' '}
              <small
                class="untranslated"
                lang={i18n.lang}
                title={i18n.t('lang.notTranslatedTitle', { language: i18n.t(`lang.name.${value.lang}`) })}
              >
                ({i18n.t('lang.notTranslated')})
              </small>
            </>
          )}
        </p>
      ))}
    </div>
  );
}

function Heading({ level, id, children }: { level: number; id?: string; children: ComponentChildren }) {
  const Tag = `h${Math.min(Math.max(level, 2), 6)}` as 'h2';
  return <Tag id={id}>{children}</Tag>;
}

function DateText({ value, i18n }: { value: string; i18n: I18n }) {
  return <time datetime={value}>{i18n.date(value)}</time>;
}

function CycleFacts({ report, i18n }: { report: CompiledReport; i18n: I18n }) {
  return (
    <dl class="facts">
      <dt>{i18n.t('report.cycle')}</dt>
      <dd>
        <Txt value={report.cycle.title} i18n={i18n} />
      </dd>
      <dt>{i18n.t('report.mechanism')}</dt>
      <dd>{mechanismLabel(report)}</dd>
      <dt>{i18n.t('report.state')}</dt>
      <dd>{report.cycle.stateName}</dd>
      <dt>{i18n.t('report.recommendations')}</dt>
      <dd>{i18n.t('report.recommendationCount', { count: report.recommendationCount })}</dd>
      <dt>{i18n.t('report.compiledOn')}</dt>
      <dd>
        <time datetime={report.compiledAt.toISOString()}>{i18n.date(report.compiledAt)}</time>
      </dd>
    </dl>
  );
}

function FallbackNote({ count, i18n }: { count: number; i18n: I18n }) {
  if (count === 0) return null;
  return (
    <p class="fallback-note" role="note">
      <small class="untranslated">{i18n.t('report.fallbackNote', { count })}</small>
    </p>
  );
}

function Actions({ actions, i18n }: { actions: ReportAction[]; i18n: I18n }) {
  if (actions.length === 0) return <p class="muted">{i18n.t('report.noActions')}</p>;
  return (
    <ul class="report-actions">
      {actions.map((a) => (
        <li class="report-action">
          <p>
            <strong>
              <Txt value={a.title} i18n={i18n} />
            </strong>
          </p>
          <Paragraphs value={a.description} i18n={i18n} />
          <dl class="facts">
            <dt>{i18n.t('report.action.responsible')}</dt>
            <dd>
              <Txt value={a.responsible} i18n={i18n} />
            </dd>
            <dt>{i18n.t('report.action.deadline')}</dt>
            <dd>{a.deadline ? <DateText value={a.deadline} i18n={i18n} /> : i18n.t('report.action.noDeadline')}</dd>
            <dt>{i18n.t('report.action.status')}</dt>
            <dd>{i18n.t(`obligations.actionStatus.${a.status}`)}</dd>
            {a.indicator && (
              <>
                <dt>{i18n.t('report.action.indicator')}</dt>
                <dd>
                  <Txt value={a.indicator} i18n={i18n} />
                </dd>
              </>
            )}
          </dl>
          {a.progress.length === 0 ? (
            <p class="muted">{i18n.t('report.noProgress')}</p>
          ) : (
            <>
              <p>
                <strong>{i18n.t('report.progress')}</strong>
              </p>
              <ul class="report-progress">
                {a.progress.map((p) => (
                  <li>
                    <DateText value={p.reportedOn} i18n={i18n} />: <Txt value={p.text} i18n={i18n} />
                    {p.links.length > 0 && (
                      <>
                        {' '}
                        ({i18n.t('report.links')}:{' '}
                        {p.links.map((url, i) => (
                          <>
                            {i > 0 && ', '}
                            {isWebLink(url) ? <a href={url}>{url}</a> : url}
                          </>
                        ))}
                        )
                      </>
                    )}
                  </li>
                ))}
              </ul>
            </>
          )}
        </li>
      ))}
    </ul>
  );
}

function AssessmentTable({ assessments, i18n }: { assessments: ReportAssessment[]; i18n: I18n }) {
  if (assessments.length === 0) return <p class="muted">{i18n.t('report.noAssessments')}</p>;
  return (
    <div class="table-scroll">
      <table class="data report-assessments">
        <caption class="visually-hidden">{i18n.t('report.assessmentsCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{i18n.t('report.col.side')}</th>
            <th scope="col">{i18n.t('report.col.organisation')}</th>
            <th scope="col">{i18n.t('report.col.level')}</th>
            <th scope="col">{i18n.t('report.col.reasons')}</th>
            <th scope="col">{i18n.t('report.col.date')}</th>
          </tr>
        </thead>
        <tbody>
          {assessments.map((a) => (
            <tr data-side={a.side}>
              <th scope="row">{i18n.t(`obligations.side.${a.side}`)}</th>
              <td>
                <Txt value={a.organisation} i18n={i18n} />
              </td>
              <td>{i18n.t(`obligations.level.${a.level}`)}</td>
              <td>
                <Txt value={a.reasons} i18n={i18n} />
              </td>
              <td>
                <DateText value={a.assessedOn} i18n={i18n} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function RecommendationText({ r, i18n }: { r: ReportRecommendation; i18n: I18n }) {
  return (
    <>
      <blockquote class="recommendation-text">
        <Paragraphs value={r.text} i18n={i18n} />
      </blockquote>
      <p>
        <strong>{i18n.t('report.response')}:</strong> {responseLabel(r, i18n)}
      </p>
    </>
  );
}

function Recommendation({ r, level, i18n }: { r: ReportRecommendation; level: number; i18n: I18n }) {
  const id = `recommendation-${r.id}`;
  return (
    <section class="report-recommendation" id={id} aria-labelledby={`${id}-title`}>
      <Heading level={level} id={`${id}-title`}>
        {recommendationTitle(r, i18n)}
      </Heading>
      <RecommendationText r={r} i18n={i18n} />
      <Heading level={level + 1}>{i18n.t('report.actions')}</Heading>
      <Actions actions={r.actions} i18n={i18n} />
      <Heading level={level + 1}>{i18n.t('report.assessments')}</Heading>
      <AssessmentTable assessments={r.assessments} i18n={i18n} />
    </section>
  );
}

/** A cluster (its title, its shared measures, then its recommendations) or one recommendation. */
function Group({
  group,
  i18n,
  render,
}: {
  group: ReportGroup;
  i18n: I18n;
  render: (r: ReportRecommendation, level: number) => ComponentChildren;
}) {
  const cluster = group.cluster;
  if (!cluster) return <>{group.recommendations.map((r) => render(r, 2))}</>;
  const id = `cluster-${cluster.id}`;
  return (
    <section class="report-cluster" id={id} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>
        <Txt value={cluster.title} i18n={i18n} />
      </h2>
      <p class="muted">{i18n.t('report.clusterIntro', { count: cluster.size })}</p>
      {cluster.actions.length > 0 && (
        <>
          <h3>{i18n.t('report.clusterActions')}</h3>
          <Actions actions={cluster.actions} i18n={i18n} />
        </>
      )}
      {group.recommendations.map((r) => render(r, 3))}
    </section>
  );
}

function reportTitle(report: CompiledReport, i18n: I18n, key: 'report.title' | 'report.cs.title'): string {
  const cycle = plainText(report.cycle.title);
  return cycle ? `${i18n.t(key)}: ${cycle}` : i18n.t(key);
}

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

function SideBySide({ r, i18n }: { r: ReportRecommendation; i18n: I18n }) {
  const bySide = (side: ReportAssessment['side']) => r.assessments.filter((a) => a.side === side);
  return (
    <div class="table-scroll">
      <table class="data side-by-side-assessments">
        <caption class="visually-hidden">{i18n.t('report.cs.sideBySideCaption')}</caption>
        <thead>
          <tr>
            {SIDES.map((side) => (
              <th scope="col">{i18n.t(`obligations.side.${side}`)}</th>
            ))}
          </tr>
        </thead>
        <tbody>
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
        </tbody>
      </table>
    </div>
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
    <Layout ctx={ctx} title={reportTitle(report, i18n, 'report.cs.title')}>
      <p class="breadcrumbs">
        <a href={base}>{i18n.t('report.backToCycle')}</a>
      </p>
      <article class="national-report civil-society-view">
        <h1>{i18n.t('report.cs.title')}</h1>
        <p class="lead">{i18n.t('report.subtitle')}</p>
        <CycleFacts report={report} i18n={i18n} />
        <p>{i18n.t('report.cs.intro')}</p>
        <form method="get" action={`${base}/report/civil-society`} class="filters">
          <input type="hidden" name="filter" value="1" />
          <fieldset>
            <legend>{i18n.t('report.cs.filter')}</legend>
            <Checkbox name="differing" label={i18n.t('report.cs.onlyDiffering')} checked={onlyDiffering} />
          </fieldset>
          <button type="submit" class="button">
            {i18n.t('report.cs.apply')}
          </button>
        </form>
        <p class="report-counts">
          {i18n.t('report.cs.shown', { shown: shownCount, total: report.recommendationCount })}{' '}
          {differing === 0
            ? i18n.t('report.cs.noneDiffering')
            : i18n.t('report.cs.differingCount', { count: differing })}
        </p>
        <p class="button-row">
          <a class="button" href={docxHref} download>
            {i18n.t('report.downloadCivilSociety')}
          </a>{' '}
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
      </article>
    </Layout>
  );
}
