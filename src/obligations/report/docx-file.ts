import type { Lang } from '../../core/i18n/locales.ts';

// What the routes need to send a DOCX, apart from docx.ts (built in a worker), so that the `docx`
// package is loaded by the worker only.

export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** "national-report-cycle-12-ru.docx": only ASCII letters, digits and hyphens, whatever the cycle is called. */
export function docxFilename(kind: 'national-report' | 'civil-society-view', cycleId: string, lang: Lang): string {
  return `${kind}-cycle-${cycleId.replace(/\D/g, '')}-${lang}.docx`;
}
