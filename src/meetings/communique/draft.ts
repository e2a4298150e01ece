/*
 * Drafts a meeting's communiqué — the news item published after a meeting — in Kazakh, Russian and
 * English from the structured record, in the manner of the source document
 * (shared/domain/000_e5f8180ac6d0e59a.txt): who chaired, each agenda item with who reported for the
 * state and who proposed for civil society, the open discussion, the decisions, and who attended.
 *
 * Names of organisations are user-written texts in the nominative; Kazakh and Russian would decline
 * them in most positions, which a program cannot do safely. Every sentence is therefore built so
 * that a name stays in the nominative: as the subject of a Kazakh verb (Kazakh verbs do not agree in
 * gender), after a dash in apposition to a Russian noun that we choose and that carries the
 * agreement («выступила неправительственная организация — …»), after a colon, or in a list. English
 * needs no cases but needs articles; see `withArticle`.
 */
import type { OrganisationCategory, PresenterRole } from '../../core/db/schema.ts';
import { i18nFor } from '../../core/i18n/i18n.ts';
import { LANGS, type Lang } from '../../core/i18n/locales.ts';
import { pick, type Translated } from '../../core/i18n/translated.ts';

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

// ---------------------------------------------------------------------------------------------
// The facts of the record, picked in one language

/** Who stands where in a meeting: the categories of the schema, grouped as the communiqué speaks of them. */
type Side = 'state' | 'nhri' | 'civil' | 'international' | 'media' | 'other';

const SIDE_OF: Record<OrganisationCategory, Side> = {
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

const SIDE_ORDER: readonly Side[] = ['state', 'nhri', 'civil', 'international', 'media', 'other'];
const ROLE_ORDER: readonly PresenterRole[] = ['report', 'co_report', 'proposals', 'comment'];

/** Categories the attendance sentence counts rather than names, in the order it gives them. */
const COUNTED = ['state_body', 'ngo', 'media', 'other'] as const;
type Counted = (typeof COUNTED)[number];
/** Categories the attendance sentence names one by one, in this order. */
const NAMED: readonly OrganisationCategory[] = ['judiciary', 'constitutional_review', 'nhri'];

/** The presenters of one side on one agenda item: for each role in turn, the organisations' names. */
interface SideGroup {
  side: Side;
  roles: { role: PresenterRole; names: string[] }[];
}

interface Attendance {
  parliament: boolean;
  /** Courts and national human-rights institutions, by name. */
  named: string[];
  counts: { category: Counted; count: number }[];
  /** International partners, by short name where they have one. */
  partners: string[];
}

interface Facts {
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
function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ').trim();
}

function textIn(value: Translated | null | undefined, lang: Lang): { text: string; lang: Lang } | undefined {
  const picked = pick(value, lang);
  if (!picked) return undefined;
  const text = oneLine(picked.text);
  return text ? { text, lang: picked.lang } : undefined;
}

function text(value: Translated | null | undefined, lang: Lang): string | undefined {
  return textIn(value, lang)?.text;
}

/** Text in exactly this language, without fallback. */
function exact(value: Translated | null | undefined, lang: Lang): string | undefined {
  const t = value?.[lang];
  return typeof t === 'string' && t.trim() !== '' ? oneLine(t) : undefined;
}

/** A title as used inside a sentence: without the full stop a title should not have. */
function titleText(value: Translated, lang: Lang): string | undefined {
  const t = text(value, lang)?.replace(/(?<!\.)\.$/, '');
  return t ? t : undefined;
}

function orgName(org: CommuniqueOrganisation, lang: Lang): string | undefined {
  return text(org.name, lang) ?? text(org.shortName, lang);
}

/** A partner's short name ("UNDP") if it has one in this language, else its name, else any fallback. */
function partnerName(org: CommuniqueOrganisation, lang: Lang): string | undefined {
  return exact(org.shortName, lang) ?? exact(org.name, lang) ?? text(org.shortName, lang) ?? text(org.name, lang);
}

/** The calendar date of `at` in the time zone, as 'YYYY-MM-DD' (UTC if the zone is unknown). */
function localDate(at: Date, timeZone: string): string | undefined {
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
function positionInSentence(value: Translated, lang: Lang): string | undefined {
  const picked = textIn(value, lang);
  if (!picked) return undefined;
  const first = picked.text.split(' ')[0] ?? '';
  if (lang === 'ru' && picked.lang === 'ru' && /^\p{Lu}[\p{Ll}-]*$/u.test(first)) {
    return picked.text.charAt(0).toLocaleLowerCase('ru') + picked.text.slice(1);
  }
  return picked.text;
}

function unique(names: (string | undefined)[]): string[] {
  return [...new Set(names.filter((n): n is string => !!n))];
}

function collect(record: CommuniqueRecord, lang: Lang): Facts {
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

interface Writer {
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

type PluralForms = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };

function plural(lang: Lang, count: number, forms: PluralForms): string {
  const rule = new Intl.PluralRules(lang).select(count);
  return `${i18nFor(lang).number(count)} ${forms[rule] ?? forms.other}`;
}

/** Ends a user-written sentence with a full stop unless it already ends with one. */
function sentence(text: string): string {
  return /[.!?…]["»”’)]*$/.test(text) ? text : `${text}.`;
}

function capitalise(text: string): string {
  return text.charAt(0).toLocaleUpperCase() + text.slice(1);
}

function numbered(decisions: string[]): string {
  return decisions.map((d, i) => `${i + 1}. ${sentence(d)}`).join('\n');
}

/** Kazakh joins lists with «және» before the last item (ICU's Kazakh list pattern does so only for two items). */
function kkList(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} және ${items[items.length - 1]}`;
}

// Kazakh ------------------------------------------------------------------------------------

const KK_ORDINALS = [
  'бірінші',
  'екінші',
  'үшінші',
  'төртінші',
  'бесінші',
  'алтыншы',
  'жетінші',
  'сегізінші',
  'тоғызыншы',
  'оныншы',
];

const KK_SIDE: Record<Side, string | undefined> = {
  state: 'Мемлекеттік органдар тарапынан',
  nhri: 'Адам құқықтары жөніндегі ұлттық институттар тарапынан',
  civil: 'Азаматтық сектор тарапынан',
  international: 'Халықаралық серіктестер тарапынан',
  media: 'Бұқаралық ақпарат құралдары тарапынан',
  other: undefined,
};

const KK_ROLE: Record<PresenterRole, string> = {
  report: 'баяндама жасады',
  co_report: 'қосымша баяндама жасады',
  proposals: 'ұсыныстар енгізді',
  comment: 'пікір білдірді',
};

const KK_COUNTED: Record<Counted, PluralForms> = {
  state_body: { other: 'мемлекеттік орган' },
  ngo: { other: 'үкіметтік емес ұйым' },
  media: { other: 'бұқаралық ақпарат құралы' },
  other: { other: 'басқа ұйым' },
};

const kk: Writer = {
  fallbackTitle: (number) => (number ? `№ ${number} отырыс` : 'Отырыс'),
  lead(f) {
    const when = f.date ? `${f.date} күні ` : '';
    const which = `${f.number && f.number > 1 ? 'кезекті ' : ''}${f.number ? `${f.number}-` : ''}отырыс`;
    const topic = f.title ? `«${f.title}» тақырыбында ` : '';
    if (f.body) return `${f.host ? `${f.host} жанындағы ` : ''}${f.body} ${when}${topic}${which}ын өткізді.`;
    return capitalise(`${when}${topic}${which} өткізілді.`);
  },
  format(format, venue) {
    const how = {
      in_person: 'бетпе-бет форматта',
      online: 'онлайн форматта',
      hybrid: 'аралас форматта (бетпе-бет және онлайн)',
    }[format];
    return `Отырыс ${how} өтті${venue ? `, өткізу орны — ${venue}` : ''}.`;
  },
  chair: (name, position) => `Отырысты ${position ? `${position} ` : ''}${name} жүргізді.`,
  item(index, total, title) {
    if (total === 1)
      return title ? `Күн тәртібіне бір мәселе шығарылды: «${title}».` : 'Күн тәртібіне бір мәселе шығарылды.';
    const which = KK_ORDINALS[index] ?? `${index + 1}-`;
    const issue = which.endsWith('-') ? `${which}мәселе` : `${which} мәселе`;
    return title ? `Күн тәртібіндегі ${issue} — «${title}».` : `Күн тәртібіндегі ${issue} қаралды.`;
  },
  side(group, first) {
    const clauses = group.roles.map((r) => `${kkList(r.names)} ${KK_ROLE[r.role]}`);
    const joined =
      clauses.length === 1 ? clauses.join('') : `${clauses.slice(0, -1).join(', ')}, ал ${clauses[clauses.length - 1]}`;
    const side = KK_SIDE[group.side];
    return side ? `${side} ${joined}.` : `${first ? '' : 'Сондай-ақ '}${joined}.`;
  },
  discussion: (hadPresenters, items) =>
    hadPresenters
      ? 'Сөз сөйлеулерден кейін ашық пікірталас өтті.'
      : `Күн тәртібіндегі ${items === 1 ? 'мәселе' : 'мәселелер'} ашық пікірталас барысында талқыланды.`,
  decisions: (decisions) =>
    decisions.length === 1
      ? `Отырыс қорытындысы бойынша мынадай шешім қабылданды: ${sentence(decisions.join(''))}`
      : `Отырыс қорытындысы бойынша мынадай шешімдер қабылданды:\n${numbered(decisions)}`,
  attendance(a) {
    const parts = [
      ...(a.parliament ? ['Парламент депутаттары'] : []),
      ...a.named,
      ...a.counts.map((c) => plural('kk', c.count, KK_COUNTED[c.category])),
    ];
    const partners = a.partners.length
      ? `${a.partners.length === 1 ? 'халықаралық серіктес' : 'халықаралық серіктестер'} (${kkList(a.partners)})`
      : '';
    if (parts.length && partners) return `Отырысқа ${parts.join(', ')}, сондай-ақ ${partners} қатысты.`;
    return `Отырысқа ${parts.length ? kkList(parts) : partners} қатысты.`;
  },
};

// Russian -----------------------------------------------------------------------------------

const RU_ORDINALS = [
  'Первый',
  'Второй',
  'Третий',
  'Четвёртый',
  'Пятый',
  'Шестой',
  'Седьмой',
  'Восьмой',
  'Девятый',
  'Десятый',
];

type Gender = 'm' | 'f' | 'n';
/** The noun a Russian sentence agrees with, so that the organisations' names can follow it after a dash. */
const RU_SIDE: Record<Side, { one: string; gender: Gender; many: string }> = {
  state: { one: 'государственный орган', gender: 'm', many: 'государственные органы' },
  nhri: { one: 'национальное правозащитное учреждение', gender: 'n', many: 'национальные правозащитные учреждения' },
  civil: { one: 'неправительственная организация', gender: 'f', many: 'неправительственные организации' },
  international: { one: 'международный партнёр', gender: 'm', many: 'международные партнёры' },
  media: { one: 'средство массовой информации', gender: 'n', many: 'средства массовой информации' },
  other: { one: 'организация', gender: 'f', many: 'организации' },
};

const RU_SPOKE: Record<Gender | 'plural', string> = {
  m: 'выступил',
  f: 'выступила',
  n: 'выступило',
  plural: 'выступили',
};

const RU_ROLE: Record<PresenterRole, { one: string; many: string }> = {
  report: { one: 'с докладом', many: 'с докладами' },
  co_report: { one: 'с содокладом', many: 'с содокладами' },
  proposals: { one: 'с предложениями', many: 'с предложениями' },
  comment: { one: 'с комментариями', many: 'с комментариями' },
};

const RU_COUNTED: Record<Counted, PluralForms> = {
  state_body: {
    one: 'государственный орган',
    few: 'государственных органа',
    many: 'государственных органов',
    other: 'государственного органа',
  },
  ngo: {
    one: 'неправительственная организация',
    few: 'неправительственные организации',
    many: 'неправительственных организаций',
    other: 'неправительственной организации',
  },
  media: {
    one: 'средство массовой информации',
    few: 'средства массовой информации',
    many: 'средств массовой информации',
    other: 'средства массовой информации',
  },
  other: {
    one: 'другая организация',
    few: 'другие организации',
    many: 'других организаций',
    other: 'другой организации',
  },
};

const ruList = (items: string[]) => i18nFor('ru').list(items);

const ru: Writer = {
  fallbackTitle: (number) => (number ? `Заседание № ${number}` : 'Заседание'),
  lead(f) {
    const which = `${f.number && f.number > 1 ? 'очередное ' : ''}${f.number ? `${f.number}-е ` : ''}заседание`;
    const held = f.date ? `${f.date} состоялось ${which}` : `Состоялось ${which}`;
    const first = `${held}${f.title ? ` на тему «${f.title}»` : ''}.`;
    const organiser = f.body ? ` Организатор заседания — ${f.body}.` : '';
    const host = f.host ? ` Работу площадки обеспечивает ${f.host}.` : '';
    return `${first}${organiser}${host}`;
  },
  format(format, venue) {
    const how = {
      in_person: 'в очном формате',
      online: 'в онлайн-формате',
      hybrid: 'в гибридном формате (очно и онлайн)',
    }[format];
    return `Заседание прошло ${how}${venue ? `; место проведения — ${venue}` : ''}.`;
  },
  chair: (name, position) => `Председатель заседания — ${position ? `${position} ` : ''}${name}.`,
  item(index, total, title) {
    if (total === 1)
      return title ? `В повестку дня был вынесен один вопрос: «${title}».` : 'В повестку дня был вынесен один вопрос.';
    const ordinal = RU_ORDINALS[index];
    if (title)
      return ordinal
        ? `${ordinal} вопрос повестки дня — «${title}».`
        : `Вопрос повестки дня № ${index + 1} — «${title}».`;
    return ordinal
      ? `Рассмотрен ${ordinal.toLocaleLowerCase('ru')} вопрос повестки дня.`
      : `Рассмотрен вопрос повестки дня № ${index + 1}.`;
  },
  side(group) {
    const noun = RU_SIDE[group.side];
    const [first, ...rest] = group.roles;
    if (!first) return '';
    const many = first.names.length > 1;
    const role = (r: { role: PresenterRole; names: string[] }) =>
      r.names.length > 1 ? RU_ROLE[r.role].many : RU_ROLE[r.role].one;
    let s = `${capitalise(role(first))} ${RU_SPOKE[many ? 'plural' : noun.gender]} ${many ? noun.many : noun.one} — ${ruList(first.names)}`;
    rest.forEach((r, i) => {
      s += `, ${i === rest.length - 1 ? 'а ' : ''}${role(r)} — ${ruList(r.names)}`;
    });
    return `${s}.`;
  },
  discussion: (hadPresenters, items) =>
    hadPresenters
      ? 'После выступлений состоялась открытая дискуссия.'
      : items === 1
        ? 'Вопрос повестки дня обсуждён в ходе открытой дискуссии.'
        : 'Вопросы повестки дня обсуждены в ходе открытой дискуссии.',
  decisions: (decisions) =>
    decisions.length === 1
      ? `По итогам заседания принято решение: ${sentence(decisions.join(''))}`
      : `По итогам заседания приняты решения:\n${numbered(decisions)}`,
  attendance(a) {
    const parts = [
      ...(a.parliament ? ['депутаты Парламента'] : []),
      ...a.named,
      ...a.counts.map((c) => plural('ru', c.count, RU_COUNTED[c.category])),
    ];
    const partners = a.partners.length
      ? `${a.partners.length === 1 ? 'международный партнёр' : 'международные партнёры'}: ${ruList(a.partners)}`
      : '';
    if (parts.length && partners) return `Среди участников заседания — ${parts.join(', ')}, а также ${partners}.`;
    return `Среди участников заседания — ${parts.length ? ruList(parts) : partners}.`;
  },
};

// English -----------------------------------------------------------------------------------

const EN_ORDINALS = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth'];
const EN_SUFFIX: Partial<Record<Intl.LDMLPluralRule, string>> = { one: 'st', two: 'nd', few: 'rd' };

/**
 * Words that make an English organisation name descriptive, and so take "the": "the Ministry of …",
 * "the NGO “Kadyr-Kasiyet”", "the Coalition of NGOs …". Names without one are proper names or
 * acronyms and take no article: "UNDP", "USAID", "Amnesty International", "Zhas Ulan".
 */
const INSTITUTION_WORDS = new Set(
  (
    'academy administration agency alliance assembly association authority board body bureau centre center chamber ' +
    'charter clinic club coalition commission commissioner committee confederation consortium corps council court ' +
    'delegation department directorate embassy federation forum foundation fund government initiative inspectorate ' +
    'institute institution league mazhilis ministry mission movement network ngo office ombudsman organisation ' +
    'organization parliament partnership platform programme program prosecutor representation secretariat senate ' +
    'service society union university'
  ).split(' '),
);

function withArticle(name: string): string {
  if (/^the\s/i.test(name)) return name;
  const words = name.toLowerCase().split(/[^\p{L}]+/u);
  return words.some((w) => INSTITUTION_WORDS.has(w)) ? `the ${name}` : name;
}

const EN_SIDE: Record<Side, string | undefined> = {
  state: 'On behalf of state bodies',
  nhri: 'On behalf of national human rights institutions',
  civil: 'On behalf of civil society',
  international: 'On behalf of international partners',
  media: 'On behalf of the media',
  other: undefined,
};

const EN_ROLE: Record<PresenterRole, { one: string; many: string }> = {
  report: { one: 'a report was presented by', many: 'reports were presented by' },
  co_report: { one: 'a co-report was presented by', many: 'co-reports were presented by' },
  proposals: { one: 'proposals were made by', many: 'proposals were made by' },
  comment: { one: 'comments were made by', many: 'comments were made by' },
};

const EN_COUNTED: Record<Counted, PluralForms> = {
  state_body: { one: 'state body', other: 'state bodies' },
  ngo: { one: 'NGO', other: 'NGOs' },
  media: { one: 'media outlet', other: 'media outlets' },
  other: { one: 'other organisation', other: 'other organisations' },
};

const enList = (items: string[]) => i18nFor('en').list(items);

const en: Writer = {
  fallbackTitle: (number) => (number ? `Meeting No. ${number}` : 'Meeting'),
  lead(f) {
    const which = f.number
      ? `its ${f.number}${EN_SUFFIX[new Intl.PluralRules('en', { type: 'ordinal' }).select(f.number)] ?? 'th'} meeting`
      : 'a meeting';
    const topic = f.title ? ` on the topic “${f.title}”` : '';
    if (f.body) {
      const who = `${withArticle(f.body)}${f.host ? ` under ${withArticle(f.host)}` : ''}`;
      return f.date ? `On ${f.date}, ${who} held ${which}${topic}.` : `${capitalise(who)} held ${which}${topic}.`;
    }
    const meeting = f.number ? which.replace(/^its /, 'The ') : 'A meeting';
    return `${meeting} took place${f.date ? ` on ${f.date}` : ''}${topic}.`;
  },
  format(format, venue) {
    const how = { in_person: 'in person', online: 'online', hybrid: 'in a hybrid format, in person and online' }[
      format
    ];
    return `The meeting was held ${how}${venue ? ` (venue: ${venue})` : ''}.`;
  },
  chair: (name, position) => `The meeting was chaired by ${position ? `${position} ` : ''}${name}.`,
  item(index, total, title) {
    if (total === 1) return title ? `The agenda had one item: “${title}”.` : 'The agenda had one item.';
    const ordinal = EN_ORDINALS[index];
    const which = ordinal ? `The ${ordinal} item on the agenda` : `Item ${index + 1} on the agenda`;
    return title ? `${which} was “${title}”.` : `${which} was considered.`;
  },
  side(group) {
    const clauses = group.roles.map((r) => {
      const verb = r.names.length > 1 ? EN_ROLE[r.role].many : EN_ROLE[r.role].one;
      return `${verb} ${enList(r.names.map(withArticle))}`;
    });
    // Independent clauses take a comma before "and" even when there are only two.
    const joined = clauses.length === 2 ? clauses.join(', and ') : enList(clauses);
    const side = EN_SIDE[group.side];
    return side ? `${side}, ${joined}.` : `${capitalise(joined)}.`;
  },
  discussion: (hadPresenters, items) =>
    hadPresenters
      ? 'The presentations were followed by an open discussion.'
      : `The agenda ${items === 1 ? 'item was' : 'items were'} the subject of an open discussion.`,
  decisions: (decisions) =>
    decisions.length === 1
      ? `The following decision was adopted: ${sentence(decisions.join(''))}`
      : `The following decisions were adopted:\n${numbered(decisions)}`,
  attendance(a) {
    const groups: string[] = [];
    if (a.parliament) groups.push('deputies of Parliament');
    const represented = [
      ...a.named.map(withArticle),
      ...a.counts.map((c) => plural('en', c.count, EN_COUNTED[c.category])),
    ];
    if (represented.length) groups.push(`representatives of ${enList(represented)}`);
    const partners = a.partners.length
      ? `${a.partners.length === 1 ? 'an international partner' : 'international partners'}: ${enList(a.partners.map(withArticle))}`
      : '';
    if (groups.length && partners)
      return `The meeting was attended by ${groups.join(' and ')}, as well as ${partners}.`;
    return `The meeting was attended by ${groups.length ? groups.join(' and ') : partners}.`;
  },
};

const WRITERS: Record<Lang, Writer> = { kk, ru, en };
