import type { PresenterRole } from '../../core/db/schema.ts';
import { i18nFor } from '../../core/i18n/i18n.ts';
import type { Counted, PluralForms, Side, Writer } from './facts.ts';
import { capitalise, numbered, plural, sentence } from './facts.ts';

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

export const ru: Writer = {
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
