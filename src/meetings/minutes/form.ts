import { parseForm } from '../../core/http/forms.ts';
import { HttpError } from '../../core/http/http-error.ts';
import type { I18n } from '../../core/i18n/i18n.ts';
import { CorrectionInput } from '../schema.ts';

/** The sections of an agenda item's minutes, in the order they are written and shown. */
export const MINUTES_SECTIONS = ['summary', 'proposals', 'discussion', 'decisions'] as const;

/**
 * The minutes form: `item_<agenda item id>_<section>` → its text (each checked as a correction's text
 * is; an empty one clears the section), and an optional note on the version.
 */
export function parseMinutes(
  raw: unknown,
  i18n: I18n,
): { sections: Record<string, Record<string, string>>; note: string | undefined } {
  const body = (raw ?? {}) as Record<string, unknown>;
  const sections: Record<string, Record<string, string>> = {};
  for (const [k, v] of Object.entries(body)) {
    const match = /^item_(\d{1,18})_(summary|proposals|discussion|decisions)$/.exec(k);
    if (!match?.[1] || !match[2] || typeof v !== 'string') continue;
    const parsed = parseForm(CorrectionInput.pick({ text: true }), { text: v === '' ? 'x' : v }, i18n);
    if (!parsed.ok) throw new HttpError(422, 'minutes text', 'validation.badCharacters');
    sections[match[1]] ??= {};
    (sections[match[1]] as Record<string, string>)[match[2]] = v === '' ? '' : parsed.data.text;
  }
  const note = typeof body.note === 'string' && body.note.trim() ? body.note.trim().slice(0, 1000) : undefined;
  return { sections, note };
}
