import type { OrganisationCategory } from '../../core/db/schema.ts';
import type { I18n } from '../../core/i18n/i18n.ts';
import type { AttendanceRow } from './queries.ts';

export interface AttendanceSummary {
  people: number;
  /** Organisations present, by category, in the fixed category order. */
  byCategory: { category: OrganisationCategory; organisations: { id: string; name: string; shortName: string }[] }[];
}

const ORDER: OrganisationCategory[] = [
  'parliament',
  'judiciary',
  'constitutional_review',
  'nhri',
  'state_body',
  'ngo',
  'international',
  'media',
  'other',
];

/** Who attended (present or online), grouped by category: computed from the register, no query. */
export function summarise(rows: AttendanceRow[], i18n: I18n): AttendanceSummary {
  const attended = rows.filter((r) => r.presence === 'present' || r.presence === 'online');
  const byCategory = ORDER.map((category) => {
    const seen = new Map<string, { id: string; name: string; shortName: string }>();
    for (const r of attended) {
      if (r.category !== category || seen.has(r.organisationId)) continue;
      const name = i18n.pick(r.organisationName)?.text ?? '';
      seen.set(r.organisationId, {
        id: r.organisationId,
        name,
        shortName: i18n.pick(r.organisationShortName)?.text ?? name,
      });
    }
    return { category, organisations: [...seen.values()] };
  }).filter((g) => g.organisations.length > 0);
  return { people: new Set(attended.map((r) => r.personId)).size, byCategory };
}

/**
 * The summary as the communiqué puts it: "deputies of Parliament, the Supreme Court, …,
 * 6 state bodies, 9 NGOs, 6 international partners" — small groups by name, large ones counted.
 */
export function summaryPhrase(summary: AttendanceSummary, i18n: I18n): string {
  const parts = summary.byCategory.flatMap((g) => {
    switch (g.category) {
      case 'parliament':
        return [i18n.t('attendance.summary.parliament')];
      case 'judiciary':
      case 'constitutional_review':
      case 'nhri':
        return g.organisations.map((o) => o.name);
      default:
        return [i18n.t(`category.${g.category}.count`, { count: g.organisations.length })];
    }
  });
  return i18n.list(parts);
}
