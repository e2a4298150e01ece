import type { Catalogue, Message } from '../../core/i18n/i18n.ts';

/* Organisations' open data (decision 0028): the datasets' titles and descriptions, and their columns. */

const en = {
  'organisations.data.organisations': 'Organisations',
  'organisations.data.organisations.about':
    'The state bodies, civil society organisations, international organisations and others taking part in the body’s work.',
  'organisations.data.memberships': 'Membership of the bodies',
  'organisations.data.memberships.about':
    'Which organisations are members, observers or guests of which consultative body, since when and until when.',
  'organisations.data.col.slug': 'The organisation’s short code in the address of its page (stable)',
  'organisations.data.col.name': 'The organisation’s name, in the language of the file',
  'organisations.data.col.shortName': 'The organisation’s short name, in the language of the file',
  'organisations.data.col.category': 'Category: a stable code (state_body, ngo, nhri…)',
  'organisations.data.col.categoryLabel': 'Category, in the language of the file',
  'organisations.data.col.parentId': 'The number of the organisation it is part of, if any',
  'organisations.data.col.website': 'The organisation’s website',
  'organisations.data.col.bodyId': 'The consultative body’s number',
  'organisations.data.col.body': 'The consultative body’s name, in the language of the file',
  'organisations.data.col.membership': 'Membership: a stable code (member, observer, guest)',
  'organisations.data.col.membershipLabel': 'Membership, in the language of the file',
  'organisations.data.col.since': 'Member since',
  'organisations.data.col.until': 'Member until (empty: still a member)',
};

const ru: Record<keyof typeof en, Message> = {
  'organisations.data.organisations': 'Организации',
  'organisations.data.organisations.about':
    'Государственные органы, организации гражданского общества, международные и другие организации, участвующие в работе органа.',
  'organisations.data.memberships': 'Членство в органах',
  'organisations.data.memberships.about':
    'Какие организации входят в какой консультативный орган как члены, наблюдатели или гости, с какого и до какого времени.',
  'organisations.data.col.slug': 'Краткий код организации в адресе её страницы (неизменный)',
  'organisations.data.col.name': 'Название организации на языке файла',
  'organisations.data.col.shortName': 'Краткое название организации на языке файла',
  'organisations.data.col.category': 'Категория: неизменный код (state_body, ngo, nhri…)',
  'organisations.data.col.categoryLabel': 'Категория на языке файла',
  'organisations.data.col.parentId': 'Номер организации, в состав которой она входит, если есть',
  'organisations.data.col.website': 'Сайт организации',
  'organisations.data.col.bodyId': 'Номер консультативного органа',
  'organisations.data.col.body': 'Название консультативного органа на языке файла',
  'organisations.data.col.membership': 'Членство: неизменный код (member, observer, guest)',
  'organisations.data.col.membershipLabel': 'Членство на языке файла',
  'organisations.data.col.since': 'Член с',
  'organisations.data.col.until': 'Член до (пусто — членство продолжается)',
};

const kk: Record<keyof typeof en, Message> = {
  'organisations.data.organisations': 'Ұйымдар',
  'organisations.data.organisations.about':
    'Органның жұмысына қатысатын мемлекеттік органдар, азаматтық қоғам ұйымдары, халықаралық және басқа ұйымдар.',
  'organisations.data.memberships': 'Органдардағы мүшелік',
  'organisations.data.memberships.about':
    'Қай ұйымдар қай консультативтік органға мүше, бақылаушы немесе қонақ ретінде кіретіні, қашаннан бастап және қашанға дейін.',
  'organisations.data.col.slug': 'Ұйым бетінің мекенжайындағы қысқа коды (өзгермейді)',
  'organisations.data.col.name': 'Ұйымның атауы, файлдың тілінде',
  'organisations.data.col.shortName': 'Ұйымның қысқаша атауы, файлдың тілінде',
  'organisations.data.col.category': 'Санаты: тұрақты код (state_body, ngo, nhri…)',
  'organisations.data.col.categoryLabel': 'Санаты, файлдың тілінде',
  'organisations.data.col.parentId': 'Құрамына кіретін ұйымның нөмірі, егер болса',
  'organisations.data.col.website': 'Ұйымның сайты',
  'organisations.data.col.bodyId': 'Консультативтік органның нөмірі',
  'organisations.data.col.body': 'Консультативтік органның атауы, файлдың тілінде',
  'organisations.data.col.membership': 'Мүшелігі: тұрақты код (member, observer, guest)',
  'organisations.data.col.membershipLabel': 'Мүшелігі, файлдың тілінде',
  'organisations.data.col.since': 'Мүшелігінің басталған күні',
  'organisations.data.col.until': 'Мүшелігінің аяқталған күні (бос болса — әлі мүше)',
};

type Keys = typeof en;
declare module '../../core/i18n/i18n.ts' {
  interface DomainMessages extends Keys {}
}

export const organisationsMessages: Catalogue = { kk, ru, en };
