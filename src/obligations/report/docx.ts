import {
  Document,
  ExternalHyperlink,
  HeadingLevel,
  Packer,
  Paragraph,
  type ParagraphChild,
  ShadingType,
  Table,
  TableCell,
  TableOfContents,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import type { I18n } from '../../core/i18n/i18n.ts';
import type { Lang } from '../../core/i18n/locales.ts';
import {
  type CompiledReport,
  countFallbacks,
  differingCount,
  type ReportAction,
  type ReportAssessment,
  type ReportGroup,
  type ReportRecommendation,
  SIDES,
  subtitleKey,
  type Text,
} from './compile.ts';
import { isWebLink, mechanismLabel, paragraphsOf, plainText, recommendationTitle, responseLabel } from './labels.ts';

/*
 * The DOCX documents: the draft report and the civil-society view, built with `docx` from the same
 * compiled report as the HTML pages. Clusters and recommendations are Word headings (Heading 1 and
 * 2) so that the table of contents and the navigation pane work; the labels inside a
 * recommendation use a paragraph style of their own so that they stay out of the contents.
 */

const WORD_LANG: Record<Lang, string> = { kk: 'kk-KZ', ru: 'ru-RU', en: 'en-GB' };
const LABEL_STYLE = 'ReportLabel';
const QUOTE_STYLE = 'RecommendationText';
const HEADER_FILL = 'E7EEF4';
const DIFFERS_FILL = 'FFF2CC';

// XML 1.0 cannot carry these at all (Word refuses a document that has them): C0 controls other than
// tab, line feed and carriage return, U+FFFE/U+FFFF and lone surrogates.
const NOT_IN_XML =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** A user's text as Word can hold it: characters XML 1.0 forbids are dropped, nothing else changes. */
export function wordSafe(text: string): string {
  return text.replace(NOT_IN_XML, '');
}

/** Runs of a text, one line per run, in its own language when it fell back, with the "not translated" mark. */
function runsOf(value: Text | undefined, i18n: I18n, style: { bold?: boolean } = {}, mark = true): TextRun[] {
  if (!value) return [];
  const language = value.fallback ? { value: WORD_LANG[value.lang] } : undefined;
  const runs = wordSafe(value.text)
    .split(/\r\n|\r|\n/)
    .map((line, i) => new TextRun({ text: line, break: i > 0 ? 1 : undefined, language, bold: style.bold }));
  if (value.fallback && mark) runs.push(new TextRun({ text: ` (${i18n.t('lang.notTranslated')})`, italics: true }));
  return runs;
}

/** A longer text as paragraphs (cut at blank lines); the fallback mark after the last one. */
function paragraphsFor(value: Text | undefined, i18n: I18n): Paragraph[] {
  if (!value) return [];
  const parts = paragraphsOf(value.text);
  return parts.map(
    (text, i) => new Paragraph({ children: runsOf({ ...value, text }, i18n, {}, i === parts.length - 1) }),
  );
}

function plain(text: string, options: { bold?: boolean; italics?: boolean } = {}): TextRun {
  return new TextRun({ text: wordSafe(text), ...options });
}

/** "Label: value" on one line. */
function field(label: string, value: ParagraphChild[]): Paragraph {
  return new Paragraph({ children: [plain(`${label}: `, { bold: true }), ...value] });
}

function heading(level: 1 | 2, children: ParagraphChild[]): Paragraph {
  return new Paragraph({ heading: level === 1 ? HeadingLevel.HEADING_1 : HeadingLevel.HEADING_2, children });
}

function label(text: string): Paragraph {
  return new Paragraph({ style: LABEL_STYLE, children: [plain(text)] });
}

function cell(children: Paragraph[], header = false, fill?: string): TableCell {
  const shading = header ? HEADER_FILL : fill;
  return new TableCell({
    children: children.length > 0 ? children : [new Paragraph('')],
    ...(shading ? { shading: { type: ShadingType.CLEAR, color: 'auto', fill: shading } } : {}),
  });
}

function headerRow(titles: string[]): TableRow {
  return new TableRow({
    tableHeader: true,
    children: titles.map((t) => cell([new Paragraph({ children: [plain(t, { bold: true })] })], true)),
  });
}

function links(urls: string[], i18n: I18n): ParagraphChild[] {
  if (urls.length === 0) return [];
  const out: ParagraphChild[] = [plain(` (${i18n.t('report.links')}: `)];
  urls.forEach((url, i) => {
    if (i > 0) out.push(plain(', '));
    out.push(
      isWebLink(url)
        ? new ExternalHyperlink({ link: url, children: [new TextRun({ text: wordSafe(url), style: 'Hyperlink' })] })
        : plain(url),
    );
  });
  out.push(plain(')'));
  return out;
}

function actionBlocks(actions: ReportAction[], i18n: I18n): Paragraph[] {
  if (actions.length === 0)
    return [new Paragraph({ children: [plain(i18n.t('report.noActions'), { italics: true })] })];
  return actions.flatMap((a) => [
    new Paragraph({ keepNext: true, children: runsOf(a.title, i18n, { bold: true }) }),
    ...paragraphsFor(a.description, i18n),
    field(i18n.t('report.action.responsible'), runsOf(a.responsible, i18n)),
    field(i18n.t('report.action.deadline'), [
      plain(a.deadline ? i18n.date(a.deadline) : i18n.t('report.action.noDeadline')),
    ]),
    field(i18n.t('report.action.status'), [plain(i18n.t(`obligations.actionStatus.${a.status}`))]),
    ...(a.indicator ? [field(i18n.t('report.action.indicator'), runsOf(a.indicator, i18n))] : []),
    ...(a.progress.length === 0
      ? [new Paragraph({ children: [plain(i18n.t('report.noProgress'), { italics: true })] })]
      : [
          new Paragraph({ keepNext: true, children: [plain(i18n.t('report.progress'), { bold: true })] }),
          ...a.progress.map(
            (p) =>
              new Paragraph({
                bullet: { level: 0 },
                children: [plain(`${i18n.date(p.reportedOn)}: `), ...runsOf(p.text, i18n), ...links(p.links, i18n)],
              }),
          ),
        ]),
  ]);
}

function assessmentTable(assessments: ReportAssessment[], i18n: I18n): Paragraph | Table {
  if (assessments.length === 0)
    return new Paragraph({ children: [plain(i18n.t('report.noAssessments'), { italics: true })] });
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      headerRow([
        i18n.t('report.col.side'),
        i18n.t('report.col.organisation'),
        i18n.t('report.col.level'),
        i18n.t('report.col.reasons'),
        i18n.t('report.col.date'),
      ]),
      ...assessments.map(
        (a) =>
          new TableRow({
            children: [
              cell([new Paragraph({ children: [plain(i18n.t(`obligations.side.${a.side}`))] })]),
              cell([new Paragraph({ children: runsOf(a.organisation, i18n) })]),
              cell([new Paragraph({ children: [plain(i18n.t(`obligations.level.${a.level}`))] })]),
              cell(paragraphsFor(a.reasons, i18n)),
              cell([new Paragraph({ children: [plain(i18n.date(a.assessedOn))] })]),
            ],
          }),
      ),
    ],
  });
}

function recommendationText(r: ReportRecommendation, i18n: I18n): Paragraph[] {
  return [
    ...paragraphsOf(r.text?.text ?? '').map(
      (_, i, parts) =>
        new Paragraph({
          style: QUOTE_STYLE,
          children: runsOf(r.text && { ...r.text, text: parts[i] ?? '' }, i18n, {}, i === parts.length - 1),
        }),
    ),
    ...(r.recommendingState ? [field(i18n.t('report.recommendedBy'), [plain(r.recommendingState)])] : []),
    field(i18n.t('report.response'), [plain(responseLabel(r, i18n))]),
  ];
}

function recommendationBlocks(r: ReportRecommendation, level: 1 | 2, i18n: I18n): (Paragraph | Table)[] {
  return [
    heading(level, [plain(recommendationTitle(r, i18n))]),
    ...recommendationText(r, i18n),
    label(i18n.t('report.actions')),
    ...actionBlocks(r.actions, i18n),
    label(i18n.t('report.assessments')),
    assessmentTable(r.assessments, i18n),
  ];
}

function groupBlocks(
  group: ReportGroup,
  i18n: I18n,
  render: (r: ReportRecommendation, level: 1 | 2) => (Paragraph | Table)[],
): (Paragraph | Table)[] {
  const cluster = group.cluster;
  if (!cluster) return group.recommendations.flatMap((r) => render(r, 1));
  return [
    heading(1, runsOf(cluster.title, i18n)),
    new Paragraph({
      children: [plain(i18n.t('report.clusterIntro', { count: cluster.size }), { italics: true })],
    }),
    ...(cluster.actions.length > 0
      ? [label(i18n.t('report.clusterActions')), ...actionBlocks(cluster.actions, i18n)]
      : []),
    ...group.recommendations.flatMap((r) => render(r, 2)),
  ];
}

/** Title, the cycle's facts, the introduction, the note on untranslated texts and the contents. */
function frontMatter(report: CompiledReport, i18n: I18n, title: string, intro: string, fallbacks: number): Paragraph[] {
  return [
    new Paragraph({ heading: HeadingLevel.TITLE, children: [plain(title)] }),
    new Paragraph({ children: [plain(i18n.t(subtitleKey(report)), { italics: true })] }),
    field(i18n.t('report.cycle'), runsOf(report.cycle.title, i18n)),
    field(i18n.t('report.mechanism'), [plain(mechanismLabel(report))]),
    field(i18n.t('report.state'), [plain(report.cycle.stateName)]),
    field(i18n.t('report.recommendations'), [
      plain(i18n.t('report.recommendationCount', { count: report.recommendationCount })),
    ]),
    new Paragraph({ children: [plain(i18n.t('report.compiledOnDate', { date: i18n.date(report.compiledAt) }))] }),
    new Paragraph({ children: [plain(intro)] }),
    ...(fallbacks > 0
      ? [new Paragraph({ children: [plain(i18n.t('report.fallbackNote', { count: fallbacks }), { italics: true })] })]
      : []),
  ];
}

function contents(i18n: I18n): (Paragraph | TableOfContents)[] {
  return [
    new Paragraph({ style: LABEL_STYLE, children: [plain(i18n.t('report.contents'))] }),
    new TableOfContents(i18n.t('report.contents'), { hyperlink: true, headingStyleRange: '1-2' }),
  ];
}

function pack(
  report: CompiledReport,
  i18n: I18n,
  title: string,
  children: (Paragraph | Table | TableOfContents)[],
): Promise<Buffer> {
  const cycle = plainText(report.cycle.title);
  const doc = new Document({
    title: wordSafe(cycle ? `${title}: ${cycle}` : title),
    subject: wordSafe(mechanismLabel(report)),
    creator: 'Kenes',
    styles: {
      default: { document: { run: { language: { value: WORD_LANG[i18n.lang] } } } },
      paragraphStyles: [
        {
          id: LABEL_STYLE,
          name: 'Report label',
          basedOn: 'Normal',
          next: 'Normal',
          quickFormat: true,
          run: { bold: true, color: '1F3864' },
          paragraph: { keepNext: true, spacing: { before: 160, after: 80 } },
        },
        {
          id: QUOTE_STYLE,
          name: 'Recommendation text',
          basedOn: 'Normal',
          next: 'Normal',
          quickFormat: true,
          run: { italics: true },
          paragraph: { indent: { left: 567 }, spacing: { after: 120 } },
        },
      ],
    },
    sections: [{ children }],
  });
  return Packer.toBuffer(doc);
}

/** The draft national report as a Word document. */
export function reportDocx(report: CompiledReport, i18n: I18n): Promise<Buffer> {
  const title = i18n.t('report.title');
  return pack(report, i18n, title, [
    ...frontMatter(report, i18n, title, i18n.t('report.intro'), countFallbacks(report)),
    ...(report.groups.length === 0
      ? [new Paragraph({ children: [plain(i18n.t('report.empty'))] })]
      : [
          ...contents(i18n),
          ...report.groups.flatMap((g) => groupBlocks(g, i18n, (r, level) => recommendationBlocks(r, level, i18n))),
        ]),
  ]);
}

function sideBySideTable(r: ReportRecommendation, i18n: I18n): Table {
  const fill = r.differs ? DIFFERS_FILL : undefined;
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      headerRow(SIDES.map((side) => i18n.t(`obligations.side.${side}`))),
      new TableRow({
        children: SIDES.map((side) => {
          const list = r.assessments.filter((a) => a.side === side);
          if (list.length === 0)
            return cell([new Paragraph({ children: [plain(i18n.t('report.cs.noAssessment'), { italics: true })] })]);
          return cell(
            list.flatMap((a) => [
              new Paragraph({
                children: [
                  plain(i18n.t(`obligations.level.${a.level}`), { bold: true }),
                  plain(' — '),
                  ...runsOf(a.organisation, i18n),
                  plain(`, ${i18n.date(a.assessedOn)}`),
                ],
              }),
              ...paragraphsFor(a.reasons, i18n),
            ]),
            false,
            fill,
          );
        }),
      }),
    ],
  });
}

function civilSocietyBlocks(r: ReportRecommendation, level: 1 | 2, i18n: I18n): (Paragraph | Table)[] {
  return [
    heading(level, [plain(recommendationTitle(r, i18n))]),
    ...(r.differs
      ? [
          new Paragraph({
            children: [new TextRun({ text: i18n.t('report.cs.differs'), bold: true, highlight: 'yellow' })],
          }),
        ]
      : []),
    ...recommendationText(r, i18n),
    sideBySideTable(r, i18n),
  ];
}

/** The civil-society view as a Word document: `shown` is the whole report or only the differing part. */
export function civilSocietyDocx(report: CompiledReport, shown: CompiledReport, i18n: I18n): Promise<Buffer> {
  const title = i18n.t('report.cs.title');
  const shownCount = shown.groups.reduce((n, g) => n + g.recommendations.length, 0);
  const differing = differingCount(report);
  const counts = `${i18n.t('report.cs.shown', { shown: shownCount, total: report.recommendationCount })} ${
    differing === 0 ? i18n.t('report.cs.noneDiffering') : i18n.t('report.cs.differingCount', { count: differing })
  }`;
  return pack(report, i18n, title, [
    ...frontMatter(report, i18n, title, i18n.t('report.cs.intro'), countFallbacks(shown, { actions: false })),
    new Paragraph({ children: [plain(counts)] }),
    ...(shown.groups.length === 0
      ? []
      : [
          ...contents(i18n),
          ...shown.groups.flatMap((g) =>
            groupBlocks({ ...g, cluster: g.cluster && { ...g.cluster, actions: [] } }, i18n, (r, level) =>
              civilSocietyBlocks(r, level, i18n),
            ),
          ),
        ]),
  ]);
}
