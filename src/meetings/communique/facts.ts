import type { OrganisationCategory, PresenterRole } from '../../core/db/schema.ts';
import { i18nFor } from '../../core/i18n/i18n.ts';
import type { Lang } from '../../core/i18n/locales.ts';
import { pick, type Translated } from '../../core/i18n/translated.ts';
import { inDraft } from './marks.ts';

/** The facts of a communiqué's record, picked in one language, and what the writers of each language share. */

export interface CommuniqueOrganisation {
  name: Translated;
  shortName: Translated;
  category: OrganisationCategory;
}

export interface CommuniqueRecord {
  body: { name: Translated; hostName: Translated | null }; // the platform and the ministry hosting it
  meeting: {
    number: number;
    title: Translated;
    startsAt: Date;
    timeZone: string;
    venue: Translated;
    format: 'in_person' | 'online' | 'hybrid';
  };
  chair: { name: Translated; position: Translated } | null;
  agenda: { title: Translated; presenters: { organisation: CommuniqueOrganisation; role: PresenterRole }[] }[];
  decisions: Translated[];
  /** Organisations with at least one person present or online. */
  attendees: CommuniqueOrganisation[];
}

// ---------------------------------------------------------------------------------------------
// The facts of the record, picked in one language

/** Who stands where in a meeting: the categories of the schema, grouped as the communiqué speaks of them. */
export type Side = 'state' | 'nhri' | 'civil' | 'international' | 'media' | 'other';

export const SIDE_OF: Record<OrganisationCategory, Side> = {
  state_body: 'state',
  parliament: 'state',
  judiciary: 'state',
  constitutional_review: 'state',
  nhri: 'nhri',
  ngo: 'civil',
  international: 'international',
  media: 'media',
  other: 'other',
};

export const SIDE_ORDER: readonly Side[] = ['state', 'nhri', 'civil', 'international', 'media', 'other'];
export const ROLE_ORDER: readonly PresenterRole[] = ['report', 'co_report', 'proposals', 'comment'];

/** Categories the attendance sentence counts rather than names, in the order it gives them. */
export const COUNTED = ['state_body', 'ngo', 'media', 'other'] as const;
export type Counted = (typeof COUNTED)[number];
/** Categories the attendance sentence names one by one, in this order. */
export const NAMED: readonly OrganisationCategory[] = ['judiciary', 'constitutional_review', 'nhri'];

/** The presenters of one side on one agenda item: for each role in turn, the organisations' names. */
export interface SideGroup {
  side: Side;
  roles: { role: PresenterRole; names: string[] }[];
}

export interface Attendance {
  parliament: boolean;
  /** Courts and national human-rights institutions, by name. */
  named: string[];
  counts: { category: Counted; count: number }[];
  /** International partners, by short name where they have one. */
  partners: string[];
}

export interface Facts {
  title: string | undefined;
  number: number | undefined;
  date: string | undefined;
  body: string | undefined;
  host: string | undefined;
  venue: string | undefined;
  chair: { name: string; position: string | undefined } | undefined;
  items: { title: string | undefined; sides: SideGroup[] }[];
  decisions: string[];
  attendance: Attendance;
}

/** Keeps a user text on one line, so that it cannot break the paragraphs of the draft. */
export function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ').trim();
}

export function textIn(value: Translated | null | undefined, lang: Lang): { text: string; lang: Lang } | undefined {
  const picked = pick(value, lang);
  if (!picked) return undefined;
  const text = oneLine(picked.text);
  return text ? { text, lang: picked.lang } : undefined;
}

/** The text in `lang`, else another language's, marked as a passage in that language (marks.ts). */
export function text(value: Translated | null | undefined, lang: Lang): string | undefined {
  const picked = textIn(value, lang);
  return picked ? inDraft(picked, lang) : undefined;
}

/** Text in exactly this language, without fallback. */
export function exact(value: Translated | null | undefined, lang: Lang): string | undefined {
  const t = value?.[lang];
  return typeof t === 'string' && t.trim() !== '' ? oneLine(t) : undefined;
}

/** A title as used inside a sentence: without the full stop a title should not have. */
export function titleText(value: Translated, lang: Lang): string | undefined {
  const picked = textIn(value, lang);
  const t = picked?.text.replace(/(?<!\.)\.$/, '');
  return picked && t ? inDraft({ text: t, lang: picked.lang }, lang) : undefined;
}

export function orgName(org: CommuniqueOrganisation, lang: Lang): string | undefined {
  return text(org.name, lang) ?? text(org.shortName, lang);
}

/** A partner's short name ("UNDP") if it has one in this language, else its name, else any fallback. */
export function partnerName(org: CommuniqueOrganisation, lang: Lang): string | undefined {
  return exact(org.shortName, lang) ?? exact(org.name, lang) ?? text(org.shortName, lang) ?? text(org.name, lang);
}

/** The calendar date of `at` in the time zone, as 'YYYY-MM-DD' (UTC if the zone is unknown). */
export function localDate(at: Date, timeZone: string): string | undefined {
  if (!(at instanceof Date) || Number.isNaN(at.getTime())) return undefined;
  const options = { year: 'numeric', month: '2-digit', day: '2-digit' } as const;
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat('en-CA', { ...options, timeZone });
  } catch {
    format = new Intl.DateTimeFormat('en-CA', { ...options, timeZone: 'UTC' });
  }
  const parts = format.formatToParts(at);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  const iso = `${part('year')}-${part('month')}-${part('day')}`;
  return /^\d{4}-\d{2}-\d{2}$/.test(iso) ? iso : undefined;
}

/** Russian job titles are capitalised when stored ("Посол по особым поручениям …") but not inside a sentence. */
export function positionInSentence(value: Translated, lang: Lang): string | undefined {
  const picked = textIn(value, lang);
  if (!picked) return undefined;
  const first = picked.text.split(' ')[0] ?? '';
  if (lang === 'ru' && picked.lang === 'ru' && /^\p{Lu}[\p{Ll}-]*$/u.test(first)) {
    return picked.text.charAt(0).toLocaleLowerCase('ru') + picked.text.slice(1);
  }
  return inDraft(picked, lang);
}

export function unique(names: (string | undefined)[]): string[] {
  return [...new Set(names.filter((n): n is string => !!n))];
}

export function collect(record: CommuniqueRecord, lang: Lang): Facts {
  const i18n = i18nFor(lang);
  const { meeting } = record;
  const iso = localDate(meeting.startsAt, meeting.timeZone);
  const number = Number.isInteger(meeting.number) && meeting.number > 0 ? meeting.number : undefined;

  const chairName = record.chair ? text(record.chair.name, lang) : undefined;
  const chair =
    record.chair && chairName
      ? { name: chairName, position: positionInSentence(record.chair.position, lang) }
      : undefined;

  const items = record.agenda.map((item) => {
    const sides: SideGroup[] = SIDE_ORDER.map((side) => ({ side, roles: [] }));
    for (const group of sides) {
      for (const role of ROLE_ORDER) {
        const names = unique(
          item.presenters
            .filter((p) => p.role === role && (SIDE_OF[p.organisation.category] ?? 'other') === group.side)
            .map((p) => orgName(p.organisation, lang)),
        );
        if (names.length > 0) group.roles.push({ role, names });
      }
    }
    // Reports before proposals before comments, as a meeting runs; the state before civil society.
    const rank = (g: SideGroup) => ROLE_ORDER.indexOf(g.roles[0]?.role ?? 'comment') * 10 + SIDE_ORDER.indexOf(g.side);
    const spoke = sides.filter((g) => g.roles.length > 0).sort((a, b) => rank(a) - rank(b));
    return { title: titleText(item.title, lang), sides: spoke };
  });

  const attendees = [...new Set(record.attendees)];
  const inCategory = (category: OrganisationCategory) => attendees.filter((o) => o.category === category);
  const attendance: Attendance = {
    parliament: inCategory('parliament').length > 0,
    named: unique(NAMED.flatMap((c) => inCategory(c).map((o) => orgName(o, lang)))),
    counts: COUNTED.map((category) => ({ category, count: inCategory(category).length })).filter((c) => c.count > 0),
    partners: unique(inCategory('international').map((o) => partnerName(o, lang))),
  };

  return {
    title: titleText(meeting.title, lang),
    number,
    date: iso ? i18n.date(iso) : undefined,
    body: text(record.body.name, lang),
    host: text(record.body.hostName, lang),
    venue: text(meeting.venue, lang),
    chair,
    items,
    decisions: record.decisions.map((d) => text(d, lang)).filter((d): d is string => !!d),
    attendance,
  };
}

// ---------------------------------------------------------------------------------------------
// The languages

export interface Writer {
  fallbackTitle(number: number | undefined): string;
  lead(facts: Facts): string;
  format(format: CommuniqueRecord['meeting']['format'], venue: string | undefined): string;
  chair(name: string, position: string | undefined): string;
  item(index: number, total: number, title: string | undefined): string;
  /** The presenters of one side; `first` when no other side has spoken on the item before. */
  side(group: SideGroup, first: boolean): string;
  discussion(hadPresenters: boolean, items: number): string;
  decisions(decisions: string[]): string;
  attendance(attendance: Attendance): string;
}

export type PluralForms = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };

export function plural(lang: Lang, count: number, forms: PluralForms): string {
  const rule = new Intl.PluralRules(lang).select(count);
  return `${i18nFor(lang).number(count)} ${forms[rule] ?? forms.other}`;
}

/** Ends a user-written sentence with a full stop unless it already ends with one. */
export function sentence(text: string): string {
  // A marked passage (marks.ts) that ends a sentence ends it inside its mark.
  return /[.!?…]["»”’)]*(\]\])?$/.test(text) ? text : `${text}.`;
}

export function capitalise(text: string): string {
  return text.charAt(0).toLocaleUpperCase() + text.slice(1);
}

export function numbered(decisions: string[]): string {
  return decisions.map((d, i) => `${i + 1}. ${sentence(d)}`).join('\n');
}

/** Kazakh joins lists with «және» before the last item (ICU's Kazakh list pattern does so only for two items). */
export function kkList(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} және ${items[items.length - 1]}`;
}
