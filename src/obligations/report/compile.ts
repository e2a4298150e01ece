import type { Db } from '../../core/db/database.ts';
import type {
  ActionStatus,
  AssessmentLevel,
  AssessmentSide,
  MechanismKind,
  RecommendationResponse,
} from '../../core/db/schema-obligations.ts';
import type { Lang } from '../../core/i18n/locales.ts';
import { type Picked, pick, type Translated } from '../../core/i18n/translated.ts';
import { stateName } from '../states.ts';
import { type ReportRows, reportRows } from './queries.ts';

/*
 * The draft of the next national report's section on the previous cycle's recommendations: the
 * data of one reporting cycle gathered in four queries (whatever the number of recommendations,
 * actions, progress reports and assessments) and resolved into one language, so that the HTML page
 * and the DOCX document render the same thing.
 */

/** A user-written text in the report's language, or in a fallback language (then marked). */
export type Text = Picked;

export interface ReportProgress {
  reportedOn: string;
  text: Text | undefined;
  links: string[];
}

export interface ReportAction {
  id: string;
  title: Text | undefined;
  description: Text | undefined;
  responsible: Text | undefined;
  deadline: string | null;
  indicator: Text | undefined;
  status: ActionStatus;
  progress: ReportProgress[];
}

export interface ReportAssessment {
  side: AssessmentSide;
  organisationId: string;
  organisation: Text | undefined;
  level: AssessmentLevel;
  reasons: Text | undefined;
  assessedOn: string;
}

export interface ReportRecommendation {
  id: string;
  symbol: string | null;
  paragraph: string | null;
  text: Text | undefined;
  response: RecommendationResponse | null;
  /** The UPR's recommending State, by its name in the report's language. */
  recommendingState: string | null;
  adoptedOn: string | null;
  /** The recommendation's own actions (its cluster's are on the group). */
  actions: ReportAction[];
  /** State bodies first, then civil society, then the NHRI; by date within a side. */
  assessments: ReportAssessment[];
  /** The assessments do not all give the same level (two or more distinct levels). */
  differs: boolean;
}

/** A cluster of related recommendations, or one recommendation on its own (cluster null). */
export interface ReportGroup {
  cluster: {
    id: string;
    title: Text | undefined;
    actions: ReportAction[];
    /** How many of the cycle's recommendations the cluster holds (whatever a view filters out). */
    size: number;
  } | null;
  recommendations: ReportRecommendation[];
}

export interface CompiledReport {
  lang: Lang;
  compiledAt: Date;
  cycle: {
    id: string;
    title: Text | undefined;
    number: number | null;
    description: Text | undefined;
    stateCode: string;
    stateName: string;
    mechanism: { code: string; kind: MechanismKind; name: Text | undefined };
    /** No later cycle of its mechanism and State: its recommendations are "this cycle's", else "the previous cycle's". */
    current: boolean;
  };
  /** In the order of the recommendations' paragraphs; a cluster where its first member comes. */
  groups: ReportGroup[];
  recommendationCount: number;
}

export const SIDES: readonly AssessmentSide[] = ['state', 'civil_society', 'nhri'];

// Paragraphs are numbered as the committee numbers them: "2" < "12" < "12(a)" < "12(b)" < "13".
const paragraphOrder = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/** Natural order of paragraphs; recommendations without one come last, then by symbol and id. */
export function compareParagraphs(
  a: { paragraph: string | null; symbol: string | null; id: string },
  b: { paragraph: string | null; symbol: string | null; id: string },
): number {
  if (a.paragraph !== b.paragraph) {
    if (a.paragraph === null) return 1;
    if (b.paragraph === null) return -1;
    const byParagraph = paragraphOrder.compare(a.paragraph, b.paragraph);
    if (byParagraph !== 0) return byParagraph;
  }
  const bySymbol = paragraphOrder.compare(a.symbol ?? '', b.symbol ?? '');
  if (bySymbol !== 0) return bySymbol;
  return Number(a.id) - Number(b.id);
}

/** The id of a cycle from a URL segment, or undefined when it cannot be one. */
export function parseCycleId(raw: string): string | undefined {
  return /^[1-9]\d{0,17}$/.test(raw) ? raw : undefined;
}

/** Compiles the report of cycle `cycleId` in `lang`; undefined when there is no such cycle. Four queries. */
export async function compileReport(db: Db, cycleId: string, lang: Lang): Promise<CompiledReport | undefined> {
  const { cycle, recommendations, actions, assessments } = await reportRows(db, cycleId);
  if (!cycle) return undefined;

  const text: PickText = (value) => pick(value, lang);
  const { ofRecommendation, ofCluster } = actionsByOwner(actions, text);
  const groups = groupsOf(
    recommendations,
    { text, stateName: (code) => stateName(code, lang) },
    ofRecommendation,
    ofCluster,
    assessmentsByRecommendation(assessments, text),
  );
  return {
    lang,
    compiledAt: new Date(),
    cycle: {
      id: cycle.id,
      title: text(cycle.title),
      number: cycle.number,
      description: text(cycle.description),
      stateCode: cycle.stateCode,
      stateName: stateName(cycle.stateCode, lang),
      mechanism: { code: cycle.mechanismCode, kind: cycle.mechanismKind, name: text(cycle.mechanismName) },
      current: !cycle.hasLaterCycle,
    },
    groups,
    recommendationCount: recommendations.length,
  };
}

/** The report's subtitle: the recommendations of this cycle, or of the previous one when a later cycle exists. */
export function subtitleKey(report: CompiledReport): 'report.subtitle' | 'report.subtitleCurrent' {
  return report.cycle.current ? 'report.subtitleCurrent' : 'report.subtitle';
}

type PickText = (value: Translated | null | undefined) => Text | undefined;

/** The actions as the report shows them, by the recommendation or the cluster they are for. */
function actionsByOwner(actions: ReportRows['actions'], text: PickText) {
  const action = (a: ReportRows['actions'][number]): ReportAction => ({
    id: a.id,
    title: text(a.title),
    description: text(a.description),
    responsible: text(a.responsible),
    deadline: a.deadline,
    indicator: text(a.indicator),
    status: a.status,
    progress: a.progress.map((p) => ({ reportedOn: p.reportedOn, text: text(p.text), links: p.links })),
  });
  const actionsOfRecommendation = new Map<string, ReportAction[]>();
  const actionsOfCluster = new Map<string, ReportAction[]>();
  for (const a of actions) {
    const [map, key] = a.recommendationId
      ? [actionsOfRecommendation, a.recommendationId]
      : [actionsOfCluster, a.clusterId as string];
    const list = map.get(key) ?? [];
    list.push(action(a));
    map.set(key, list);
  }
  return { ofRecommendation: actionsOfRecommendation, ofCluster: actionsOfCluster };
}

/** The assessments as the report shows them, by recommendation (in the query's order: oldest first). */
function assessmentsByRecommendation(assessments: ReportRows['assessments'], text: PickText) {
  const assessmentsOf = new Map<string, ReportAssessment[]>();
  for (const a of assessments) {
    const list = assessmentsOf.get(a.recommendationId) ?? [];
    list.push({
      side: a.side,
      organisationId: a.organisationId,
      organisation: text(a.organisation),
      level: a.level,
      reasons: text(a.reasons),
      assessedOn: a.assessedOn,
    });
    assessmentsOf.set(a.recommendationId, list);
  }
  return assessmentsOf;
}

/**
 * The recommendations in paragraph order, each with its actions and its assessments by side; those
 * of a cluster gathered in one group at the place of the first.
 */
function groupsOf(
  recommendations: ReportRows['recommendations'],
  { text, stateName: nameOf }: { text: PickText; stateName: (code: string) => string },
  actionsOfRecommendation: Map<string, ReportAction[]>,
  actionsOfCluster: Map<string, ReportAction[]>,
  assessmentsOf: Map<string, ReportAssessment[]>,
): ReportGroup[] {
  const groups: ReportGroup[] = [];
  const groupOfCluster = new Map<string, ReportGroup>();
  for (const r of [...recommendations].sort(compareParagraphs)) {
    // Sorting is stable: within a side the query's order (by date) is kept.
    const own = (assessmentsOf.get(r.id) ?? []).sort((a, b) => SIDES.indexOf(a.side) - SIDES.indexOf(b.side));
    const recommendation: ReportRecommendation = {
      id: r.id,
      symbol: r.symbol,
      paragraph: r.paragraph,
      text: text(r.text),
      response: r.response,
      recommendingState: r.recommendingState ? nameOf(r.recommendingState) : null,
      adoptedOn: r.adoptedOn,
      actions: actionsOfRecommendation.get(r.id) ?? [],
      assessments: own,
      differs: new Set(own.map((a) => a.level)).size > 1,
    };
    if (r.clusterId === null) {
      groups.push({ cluster: null, recommendations: [recommendation] });
      continue;
    }
    let group = groupOfCluster.get(r.clusterId);
    if (!group) {
      group = {
        cluster: {
          id: r.clusterId,
          title: text(r.clusterTitle),
          actions: actionsOfCluster.get(r.clusterId) ?? [],
          size: 0,
        },
        recommendations: [],
      };
      groupOfCluster.set(r.clusterId, group);
      groups.push(group);
    }
    group.recommendations.push(recommendation);
    if (group.cluster) group.cluster.size = group.recommendations.length;
  }

  return groups;
}

/**
 * How many of the texts a view shows are in another language than the report's: the whole report,
 * or (without `actions`) the cycle, the recommendations and their assessments.
 */
export function countFallbacks(report: CompiledReport, { actions = true } = {}): number {
  let fallbacks = 0;
  const count = (...texts: (Text | undefined)[]) => {
    for (const t of texts) if (t?.fallback) fallbacks++;
  };
  const countActions = (list: ReportAction[]) => {
    if (!actions) return;
    for (const a of list) {
      count(a.title, a.description, a.responsible, a.indicator);
      for (const p of a.progress) count(p.text);
    }
  };
  count(report.cycle.title, report.cycle.description, report.cycle.mechanism.name);
  for (const g of report.groups) {
    if (g.cluster) {
      count(g.cluster.title);
      countActions(g.cluster.actions);
    }
    for (const r of g.recommendations) {
      count(r.text);
      countActions(r.actions);
      for (const a of r.assessments) count(a.organisation, a.reasons);
    }
  }
  return fallbacks;
}

/** The report with only the recommendations whose assessments differ (empty groups dropped). */
export function onlyDiffering(report: CompiledReport): CompiledReport {
  const groups = report.groups
    .map((g) => ({ ...g, recommendations: g.recommendations.filter((r) => r.differs) }))
    .filter((g) => g.recommendations.length > 0);
  return { ...report, groups };
}

/** How many of the report's recommendations have differing assessments. */
export function differingCount(report: CompiledReport): number {
  return report.groups.reduce((n, g) => n + g.recommendations.filter((r) => r.differs).length, 0);
}
