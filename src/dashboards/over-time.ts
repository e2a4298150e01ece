import type { ChartSpec } from '../core/charts/figure.tsx';
import type { I18n } from '../core/i18n/i18n.ts';
import type { ProposalFigures } from '../proposals/index.ts';

/** How many state bodies a stack names; the rest are one "Other bodies" (unless that would be one body). */
export const NAMED_BODIES = 5;

type Unit = 'month' | 'quarter' | 'year';

const monthIndex = (month: string) => Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;

/** A month's period: '2026-03' itself, '2026-Q1' or '2026'. */
function periodOf(month: string, unit: Unit): string {
  if (unit === 'month') return month;
  if (unit === 'quarter') return `${month.slice(0, 4)}-Q${Math.floor((Number(month.slice(5, 7)) - 1) / 3) + 1}`;
  return month.slice(0, 4);
}

/**
 * The periods from the first month to the last, none skipped (an empty period is drawn empty): months
 * over a year at most, quarters over three years at most, years beyond — a dozen bars or so.
 */
export function periods(months: readonly string[]): { unit: Unit; codes: string[] } {
  const indexes = months.map(monthIndex);
  if (indexes.length === 0) return { unit: 'month', codes: [] };
  const first = Math.min(...indexes);
  const last = Math.max(...indexes);
  const span = last - first + 1;
  const unit: Unit = span <= 12 ? 'month' : span <= 36 ? 'quarter' : 'year';
  const codes: string[] = [];
  for (let i = first; i <= last; i++) {
    const month = `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
    const code = periodOf(month, unit);
    if (codes.at(-1) !== code) codes.push(code);
  }
  return { unit, codes };
}

function periodLabel(code: string, unit: Unit, i18n: I18n): string {
  if (unit === 'month') {
    const month = new Intl.DateTimeFormat(i18n.lang, { month: 'long', year: 'numeric', timeZone: 'UTC' });
    return month.format(new Date(`${code}-01T00:00:00Z`));
  }
  if (unit === 'quarter') return i18n.t('dashboards.quarterLabel', { quarter: code.slice(6), year: code.slice(0, 4) });
  return code;
}

/**
 * Proposals addressed to state bodies over time (issue 17): a bar per period, stacked by body — the
 * bodies addressed most named (in the reader's language), the rest as "Other bodies".
 */
export function bodiesOverTime(p: ProposalFigures, i18n: I18n, id: string): ChartSpec {
  const { unit, codes } = periods(p.byBodyMonth.map((r) => r.month));
  // byBody comes most addressed first.
  const named = p.byBody.length <= NAMED_BODIES + 1 ? p.byBody : p.byBody.slice(0, NAMED_BODIES);
  const column = new Map(named.map((b, k) => [b.organisationId, k]));
  const other = named.length < p.byBody.length;
  const width = named.length + (other ? 1 : 0);
  const values = new Map(codes.map((c) => [c, Array.from({ length: width }, () => 0)]));
  for (const r of p.byBodyMonth) {
    const row = values.get(periodOf(r.month, unit));
    const k = column.get(r.organisationId) ?? named.length;
    if (row) row[k] = (row[k] ?? 0) + r.n;
  }
  return {
    id,
    title: i18n.t('dashboards.overTime.title'),
    description: i18n.t('dashboards.overTime.description'),
    categoryLabel: i18n.t(
      unit === 'month' ? 'dashboards.month' : unit === 'quarter' ? 'dashboards.quarter' : 'dashboards.year',
    ),
    unit: i18n.t('dashboards.unit.proposals'),
    stack: { label: i18n.t('dashboards.body') },
    series: [
      ...named.map((b) => ({ key: b.organisationId, label: i18n.pick(b.name)?.text ?? '—' })),
      ...(other ? [{ key: 'other', label: i18n.t('dashboards.otherBodies'), muted: true }] : []),
    ],
    rows: codes.map((code) => ({ code, label: periodLabel(code, unit, i18n), values: values.get(code) ?? [] })),
  };
}
