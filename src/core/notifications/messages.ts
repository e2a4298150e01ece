import type { Catalogue, Message } from '../i18n/i18n.ts';

/* The texts of the notifications' e-mail (issue 13), in kk, ru and en; src/domains.ts registers them. */

const en = {
  'email.notices.subjectOne': { one: 'Kenes — {title}: {event}', other: 'Kenes — {title}: {count} changes' },
  'email.notices.subject': { one: 'Kenes: {count} notification', other: 'Kenes: {count} notifications' },
  'email.notices.digestSubject': {
    one: 'Kenes digest: {count} notification',
    other: 'Kenes digest: {count} notifications',
  },
  'email.notices.body':
    'What happened and what asks for you:\n\n{items}\n\nChoose how often you hear from Kenes: {settings}\n\n— Kenes',
};

const ru: Record<keyof typeof en, Message> = {
  'email.notices.subjectOne': {
    one: 'Kenes — {title}: {event}',
    few: 'Kenes — {title}: {count} изменения',
    many: 'Kenes — {title}: {count} изменений',
    other: 'Kenes — {title}: {count} изменения',
  },
  'email.notices.subject': {
    one: 'Kenes: {count} уведомление',
    few: 'Kenes: {count} уведомления',
    many: 'Kenes: {count} уведомлений',
    other: 'Kenes: {count} уведомления',
  },
  'email.notices.digestSubject': {
    one: 'Сводка Kenes: {count} уведомление',
    few: 'Сводка Kenes: {count} уведомления',
    many: 'Сводка Kenes: {count} уведомлений',
    other: 'Сводка Kenes: {count} уведомления',
  },
  'email.notices.body':
    'Что произошло и что ждёт вашего действия:\n\n{items}\n\nВыбрать, как часто Kenes будет вам писать, можно здесь: {settings}\n\n— Kenes',
};

const kk: Record<keyof typeof en, Message> = {
  'email.notices.subjectOne': { one: 'Kenes — {title}: {event}', other: 'Kenes — {title}: {count} өзгеріс' },
  'email.notices.subject': 'Kenes: {count} хабарлама',
  'email.notices.digestSubject': 'Kenes жиынтығы: {count} хабарлама',
  'email.notices.body':
    'Не болды және сізден не күтіледі:\n\n{items}\n\nKenes сізге қаншалықты жиі хат жазатынын мына жерден таңдаңыз: {settings}\n\n— Kenes',
};

export const noticeMessages = { kk, ru, en } satisfies Catalogue;
