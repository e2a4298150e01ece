import type { PresenterRole } from '../../core/db/schema.ts';
import type { Counted, PluralForms, Side, Writer } from './facts.ts';
import { capitalise, kkList, numbered, plural, sentence } from './facts.ts';

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

export const kk: Writer = {
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
