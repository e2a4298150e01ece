import type { I18n } from '../../core/i18n/i18n.ts';
import type { CompiledReport, ReportRecommendation, Text } from './compile.ts';

/** Labels and plain texts the HTML page and the DOCX document share, so both read the same. */

/** "CAT/C/KAZ/CO/3, paragraph 12(a)", "Paragraph 12(a)" or "Recommendation without a paragraph number". */
export function recommendationTitle(r: Pick<ReportRecommendation, 'symbol' | 'paragraph'>, i18n: I18n): string {
  if (r.paragraph && r.symbol) return i18n.t('report.symbolParagraph', { symbol: r.symbol, paragraph: r.paragraph });
  if (r.paragraph) return i18n.t('report.paragraph', { paragraph: r.paragraph });
  return r.symbol ?? i18n.t('report.noParagraph');
}

/** The State's response, or that none is recorded. */
export function responseLabel(r: Pick<ReportRecommendation, 'response'>, i18n: I18n): string {
  return i18n.t(r.response ? `obligations.response.${r.response}` : 'obligations.response.none');
}

/** "Committee against Torture (CAT)". */
export function mechanismLabel(report: CompiledReport): string {
  const name = report.cycle.mechanism.name?.text;
  return name ? `${name} (${report.cycle.mechanism.code})` : report.cycle.mechanism.code;
}

/** A text without its fallback mark (titles, file properties). */
export function plainText(text: Text | undefined): string {
  return text?.text ?? '';
}

/** A user's text cut into paragraphs at blank lines. */
export function paragraphsOf(text: string): string[] {
  return text
    .split(/\r?\n\s*\r?\n/)
    .map((p) => p.trim())
    .filter((p) => p !== '');
}

/** Only web links are shown as links; anything else (javascript:, data:) stays plain text. */
export function isWebLink(url: string): boolean {
  return /^https?:\/\/[^\s]+$/i.test(url);
}
