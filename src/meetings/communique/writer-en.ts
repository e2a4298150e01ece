import type { PresenterRole } from '../../core/db/schema.ts';
import { i18nFor } from '../../core/i18n/i18n.ts';
import type { Counted, PluralForms, Side, Writer } from './facts.ts';
import { capitalise, numbered, plural, sentence } from './facts.ts';

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

export const en: Writer = {
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
