import type { ComponentChildren } from 'preact';
import { Fact } from '../../core/html/facts.tsx';
import { Table } from '../../core/html/table.tsx';
import { PickedText } from '../../core/html/text.tsx';
import type { I18n } from '../../core/i18n/i18n.ts';
import type {
  CompiledReport,
  ReportAction,
  ReportAssessment,
  ReportGroup,
  ReportRecommendation,
  Text,
} from './compile.ts';
import { isWebLink, mechanismLabel, paragraphsOf, plainText, recommendationTitle, responseLabel } from './labels.ts';

/* The pieces of the draft report's pages, shared by the report (views.tsx) and the civil-society view (civil-society-view.tsx). */

/** A text in the page's language, or in another one with its `lang` and a visible "not translated" mark. */
export function Txt({ value, i18n }: { value: Text | undefined; i18n: I18n }) {
  return <PickedText picked={value} i18n={i18n} />;
}

/** A longer text in paragraphs, marked as a whole when it is in another language. */
export function Paragraphs({ value, i18n }: { value: Text | undefined; i18n: I18n }) {
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

export function Heading({ level, id, children }: { level: number; id?: string; children: ComponentChildren }) {
  const Tag = `h${Math.min(Math.max(level, 2), 6)}` as 'h2';
  return <Tag id={id}>{children}</Tag>;
}

export function DateText({ value, i18n }: { value: string; i18n: I18n }) {
  return <time datetime={value}>{i18n.date(value)}</time>;
}

export function CycleFacts({ report, i18n }: { report: CompiledReport; i18n: I18n }) {
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

export function FallbackNote({ count, i18n }: { count: number; i18n: I18n }) {
  if (count === 0) return null;
  return (
    <p class="fallback-note" role="note">
      <small class="untranslated">{i18n.t('report.fallbackNote', { count })}</small>
    </p>
  );
}

export function Actions({ actions, i18n }: { actions: ReportAction[]; i18n: I18n }) {
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
              <Fact term={i18n.t('report.action.indicator')}>
                <Txt value={a.indicator} i18n={i18n} />
              </Fact>
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

export function AssessmentTable({ assessments, i18n }: { assessments: ReportAssessment[]; i18n: I18n }) {
  if (assessments.length === 0) return <p class="muted">{i18n.t('report.noAssessments')}</p>;
  return (
    <Table
      className="data report-assessments"
      caption={i18n.t('report.assessmentsCaption')}
      columns={(['side', 'organisation', 'level', 'reasons', 'date'] as const).map((k) => i18n.t(`report.col.${k}`))}
    >
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
    </Table>
  );
}

export function RecommendationText({ r, i18n }: { r: ReportRecommendation; i18n: I18n }) {
  return (
    <>
      <blockquote class="recommendation-text">
        <Paragraphs value={r.text} i18n={i18n} />
      </blockquote>
      {r.recommendingState && (
        <p>
          <strong>{i18n.t('report.recommendedBy')}:</strong> {r.recommendingState}
        </p>
      )}
      <p>
        <strong>{i18n.t('report.response')}:</strong> {responseLabel(r, i18n)}
      </p>
    </>
  );
}

export function Recommendation({ r, level, i18n }: { r: ReportRecommendation; level: number; i18n: I18n }) {
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
export function Group({
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

export function reportTitle(report: CompiledReport, i18n: I18n, key: 'report.title' | 'report.cs.title'): string {
  const cycle = plainText(report.cycle.title);
  return cycle ? `${i18n.t(key)}: ${cycle}` : i18n.t(key);
}
