import { LANGS, type Lang } from '../../core/i18n/locales.ts';
import type { Translated } from '../../core/i18n/translated.ts';
import { type CommuniqueRecord, collect, type Writer } from './facts.ts';
import { en } from './writer-en.ts';
import { kk } from './writer-kk.ts';
import { ru } from './writer-ru.ts';

export type { CommuniqueOrganisation, CommuniqueRecord } from './facts.ts';

/** The draft in one language: a title and plain-text paragraphs separated by blank lines. */
export function draftCommunique(record: CommuniqueRecord, lang: Lang): { title: string; body: string } {
  const w = WRITERS[lang];
  const facts = collect(record, lang);
  const paragraphs: string[] = [];

  paragraphs.push(
    [w.lead(facts), w.format(record.meeting.format, facts.venue)].filter((s): s is string => !!s).join(' '),
  );
  if (facts.chair) paragraphs.push(w.chair(facts.chair.name, facts.chair.position));
  facts.items.forEach((item, index) => {
    const sentences = [
      w.item(index, facts.items.length, item.title),
      ...item.sides.map((side, i) => w.side(side, i === 0)),
    ];
    paragraphs.push(sentences.join(' '));
  });
  if (facts.items.length > 0) {
    paragraphs.push(
      w.discussion(
        facts.items.some((i) => i.sides.length > 0),
        facts.items.length,
      ),
    );
  }
  if (facts.decisions.length > 0) paragraphs.push(w.decisions(facts.decisions));
  const attendance = facts.attendance;
  if (attendance.parliament || attendance.named.length || attendance.counts.length || attendance.partners.length) {
    paragraphs.push(w.attendance(attendance));
  }

  return { title: facts.title ?? w.fallbackTitle(facts.number), body: paragraphs.join('\n\n') };
}

/** The draft in all three languages, ready to store as translated texts. */
export function draftCommuniqueAll(record: CommuniqueRecord): { title: Translated; body: Translated } {
  const title: Translated = {};
  const body: Translated = {};
  for (const lang of LANGS) {
    const draft = draftCommunique(record, lang);
    title[lang] = draft.title;
    body[lang] = draft.body;
  }
  return { title, body };
}

const WRITERS: Record<Lang, Writer> = { kk, ru, en };
