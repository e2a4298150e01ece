import { drawChart as draw } from '../core/charts/downloads.ts';
import type { ChartSpec, DrawnChart } from '../core/charts/figure.tsx';
import { todayInBodyZone } from '../core/dates.ts';
import type { Db } from '../core/db/database.ts';
import { numberFormat } from '../core/i18n/formats.ts';
import type { I18n, MessageKey } from '../core/i18n/i18n.ts';
import type { Translated } from '../core/i18n/translated.ts';
import { type MeetingFigures, meetingDashboard } from '../meetings/index.ts';
import { type ObligationFigures, obligationFigures } from '../obligations/index.ts';
import { type ProposalFigures, proposalDashboard } from '../proposals/index.ts';
import { bodiesOverTime } from './over-time.ts';

/** What every chart is drawn from: each domain's public aggregates, one query per domain (three in all). */
export interface DashboardData {
  proposals: ProposalFigures;
  obligations: ObligationFigures;
  meetings: MeetingFigures;
}

/** Asks each domain for its public figures, through its index.ts (decision 0029): three queries, in parallel. */
export async function dashboardData(db: Db, now: Date = new Date()): Promise<DashboardData> {
  const [proposals, obligations, meetings] = await Promise.all([
    proposalDashboard(db),
    obligationFigures(db, todayInBodyZone(now)),
    meetingDashboard(db),
  ]);
  return { proposals, obligations, meetings };
}

/** The sections of the dashboards page and the charts in each, in order. */
export const SECTIONS = {
  proposals: [
    'proposals-by-status',
    'proposals-by-month',
    'proposals-by-body',
    'proposals-by-body-over-time',
    'answer-days',
    'answers',
  ],
  recommendations: [
    'recommendations-by-mechanism',
    'recommendations-by-theme',
    'recommendations-by-sdg',
    'recommendations-by-status',
    'assessments-compared',
  ],
  reporting: ['deadlines', 'attendance'],
} as const;
export type ChartId = (typeof SECTIONS)[keyof typeof SECTIONS][number];
export const CHART_IDS: readonly ChartId[] = Object.values(SECTIONS).flat();

const name = (i18n: I18n, value: Translated) => i18n.pick(value)?.text ?? '—';

/** One series of counts. */
function counts(
  i18n: I18n,
  id: ChartId,
  keys: { title: MessageKey; description: MessageKey; category: MessageKey; unit: MessageKey },
  rows: { code: string; label: string; n: number }[],
  params: Record<string, string | number> = {},
): ChartSpec {
  return {
    id,
    title: i18n.t(keys.title),
    description: i18n.t(keys.description, params),
    categoryLabel: i18n.t(keys.category),
    unit: i18n.t(keys.unit),
    series: [{ key: 'n', label: i18n.t('dashboards.count') }],
    rows: rows.map((r) => ({ code: r.code, label: r.label, values: [r.n] })),
  };
}

/** Builds one chart from the data in the reader's language (labels: the domains' own texts). */
export function chartSpec(id: ChartId, data: DashboardData, i18n: I18n): ChartSpec {
  const t = i18n.t;
  const { proposals: p, obligations: o, meetings: m } = data;
  const series = (...keys: [string, MessageKey][]) => keys.map(([key, label]) => ({ key, label: t(label) }));
  switch (id) {
    case 'proposals-by-status':
      return counts(
        i18n,
        id,
        {
          title: 'dashboards.byStatus.title',
          description: 'dashboards.byStatus.description',
          category: 'dashboards.status',
          unit: 'dashboards.unit.proposals',
        },
        p.byStatus.map((r) => ({ code: r.status, label: t(`proposal.status.${r.status}`), n: r.n })),
      );
    case 'proposals-by-month': {
      const month = new Intl.DateTimeFormat(i18n.lang, { month: 'long', year: 'numeric', timeZone: 'UTC' });
      return {
        id,
        title: t('dashboards.byMonth.title'),
        description: t('dashboards.byMonth.description'),
        categoryLabel: t('dashboards.month'),
        unit: t('dashboards.unit.proposals'),
        series: series(['submitted', 'dashboards.submitted'], ['answered', 'dashboards.answered']),
        rows: p.byMonth.map((r) => ({
          code: r.month,
          label: month.format(new Date(`${r.month}-01T00:00:00Z`)),
          values: [r.submitted, r.answered],
        })),
      };
    }
    case 'proposals-by-body-over-time':
      return bodiesOverTime(p, i18n, id);
    case 'proposals-by-body':
    case 'answer-days': {
      const days = id === 'answer-days';
      const bodies = days ? p.byBody.filter((b) => b.answered > 0) : p.byBody;
      return {
        id,
        title: t(days ? 'dashboards.answerDays.title' : 'dashboards.byBody.title'),
        description: t(days ? 'dashboards.answerDays.description' : 'dashboards.byBody.description'),
        categoryLabel: t('dashboards.body'),
        unit: t(days ? 'dashboards.unit.days' : 'dashboards.unit.proposals'),
        series: days
          ? series(['median', 'dashboards.median'], ['p90', 'dashboards.p90'])
          : series(
              ['addressed', 'dashboards.addressed'],
              ['answered', 'dashboards.answered'],
              ['accepted', 'dashboards.accepted'],
            ),
        rows: bodies.map((b) => ({
          code: b.organisationId,
          label: name(i18n, b.name),
          values: days ? [b.medianDays, b.p90Days] : [b.addressed, b.answered, b.accepted],
        })),
      };
    }
    case 'answers': {
      const all = p.answers.reduce((sum, a) => sum + a.n, 0);
      const accepted = p.answers.find((a) => a.answer === 'accepted')?.n ?? 0;
      const share = numberFormat(i18n.lang, { style: 'percent', maximumFractionDigits: 1 }).format(
        all === 0 ? 0 : accepted / all,
      );
      return counts(
        i18n,
        id,
        {
          title: 'dashboards.answers.title',
          description: 'dashboards.answers.description',
          category: 'dashboards.answer',
          unit: 'dashboards.unit.answers',
        },
        p.answers.map((r) => ({ code: r.answer, label: t(`proposal.answer.${r.answer}`), n: r.n })),
        { share, count: i18n.number(all) },
      );
    }
    case 'recommendations-by-mechanism':
      return counts(
        i18n,
        id,
        {
          title: 'dashboards.byMechanism.title',
          description: 'dashboards.byMechanism.description',
          category: 'dashboards.mechanism',
          unit: 'dashboards.unit.recommendations',
        },
        o.byMechanism.map((r) => ({ code: r.code, label: name(i18n, r.name), n: r.n })),
      );
    case 'recommendations-by-theme':
      return counts(
        i18n,
        id,
        {
          title: 'dashboards.byTheme.title',
          description: 'dashboards.byTheme.description',
          category: 'dashboards.theme',
          unit: 'dashboards.unit.recommendations',
        },
        o.byTheme.map((r) => ({ code: r.slug, label: name(i18n, r.name), n: r.n })),
      );
    case 'recommendations-by-sdg':
      return counts(
        i18n,
        id,
        {
          title: 'dashboards.bySdg.title',
          description: 'dashboards.bySdg.description',
          category: 'dashboards.goal',
          unit: 'dashboards.unit.recommendations',
        },
        o.bySdg.map((r) => ({
          code: String(r.goal),
          label: t('dashboards.goalLabel', { number: r.goal, name: name(i18n, r.name) }),
          n: r.n,
        })),
      );
    case 'recommendations-by-status':
      return counts(
        i18n,
        id,
        {
          title: 'dashboards.byLevel.title',
          description: 'dashboards.byLevel.description',
          category: 'dashboards.level',
          unit: 'dashboards.unit.recommendations',
        },
        o.byStatus.map((r) => ({ code: r.status, label: t(`obligations.level.${r.status}`), n: r.n })),
      );
    case 'assessments-compared':
      return counts(
        i18n,
        id,
        {
          title: 'dashboards.assessments.title',
          description: 'dashboards.assessments.description',
          category: 'dashboards.comparison',
          unit: 'dashboards.unit.recommendations',
        },
        o.assessments.map((r) => ({ code: r.comparison, label: t(`dashboards.comparison.${r.comparison}`), n: r.n })),
      );
    case 'deadlines':
      return counts(
        i18n,
        id,
        {
          title: 'dashboards.deadlines.title',
          description: 'dashboards.deadlines.description',
          category: 'dashboards.outcome',
          unit: 'dashboards.unit.deadlines',
        },
        o.deadlines.map((r) => ({ code: r.outcome, label: t(`dashboards.outcome.${r.outcome}`), n: r.n })),
      );
    case 'attendance':
      return {
        id,
        title: t('dashboards.attendance.title'),
        description: t('dashboards.attendance.description', { count: i18n.number(m.meetings) }),
        categoryLabel: t('dashboards.category'),
        unit: t('dashboards.unit.people'),
        series: series(['attended', 'dashboards.attended'], ['absent', 'dashboards.absent']),
        rows: m.byCategory.map((r) => ({
          code: r.category,
          label: t(`category.${r.category}`),
          values: [r.attended, r.absent],
        })),
      };
  }
}

/** A chart drawn for a page in the reader's language (the drawing is core's, decision 0029). */
export function drawChart(id: ChartId, data: DashboardData, i18n: I18n): Promise<DrawnChart> {
  return draw(chartSpec(id, data, i18n), i18n.lang);
}
