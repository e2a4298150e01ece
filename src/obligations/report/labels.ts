import type { I18n } from '../../core/i18n/i18n.ts';
import { titleFromText } from '../recommendation-title.ts';
import type { CompiledReport, ReportRecommendation, Text } from './compile.ts';

/** Labels and plain texts the HTML page and the DOCX document share, so both read the same. */

/** "CAT/C/KAZ/CO/3, paragraph 12(a)", "Paragraph 12(a)", the symbol, or else the first words of the text. */
export function recommendationTitle(
  r: Pick<ReportRecommendation, 'symbol' | 'paragraph' | 'text'>,
  i18n: I18n,
): string {
  if (r.paragraph && r.symbol) return i18n.t('report.symbolParagraph', { symbol: r.symbol, paragraph: r.paragraph });
  if (r.paragraph) return i18n.t('report.paragraph', { paragraph: r.paragraph });
  if (r.symbol) return r.symbol;
  return r.text ? titleFromText(r.text.text) : i18n.t('report.noParagraph');
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
