import type { ChartSpec } from '../../core/charts/figure.tsx';
import { ASSESSMENT_LEVELS } from '../../core/db/schema-obligations.ts';
import type { I18n } from '../../core/i18n/i18n.ts';
import type { CycleDetail } from './queries.ts';

/** The charts of a cycle's page, downloadable at /{lang}/cycles/{id}/charts/{chart}.{svg,png,csv}. */
export const CYCLE_CHARTS = ['recommendations-by-status'] as const;

const ORDER = ['not_assessed', ...ASSESSMENT_LEVELS] as const;

/**
 * The cycle's recommendations by the latest assessment of their implementation (issue 17), drawn by
 * core's charts (decision 0029); each row of its table links to those recommendations.
 */
export function cycleChart(cycle: CycleDetail, i18n: I18n, cycleName: string): ChartSpec {
  const count = new Map(cycle.recommendationsByStatus.map((s) => [s.status, s.count]));
  return {
    id: 'recommendations-by-status',
    title: i18n.t('obligations.chart.title'),
    description: i18n.t('obligations.chart.description', { cycle: cycleName }),
    categoryLabel: i18n.t('obligations.level'),
    unit: i18n.t('obligations.chart.unit'),
    series: [{ key: 'n', label: i18n.t('obligations.chart.count') }],
    rows: ORDER.filter((s) => (count.get(s) ?? 0) > 0).map((s) => ({
      code: s,
      label: i18n.t(`obligations.level.${s}`),
      values: [count.get(s) ?? 0],
      href: `/${i18n.lang}/recommendations?cycle=${cycle.id}&status=${s}`,
    })),
  };
}
