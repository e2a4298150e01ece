import type { Message } from '../../core/i18n/i18n.ts';
import type { pagesEn } from './pages.en.ts';

export const pagesRu: Record<keyof typeof pagesEn, Message> = {
  'meetings.invitedCount': {
    one: 'приглашена {count} организация',
    few: 'приглашены {count} организации',
    many: 'приглашено {count} организаций',
    other: 'приглашено {count} организации',
  },
  'meetings.attendedCount': {
    one: 'участвовал {count} человек',
    few: 'участвовали {count} человека',
    many: 'участвовали {count} человек',
    other: 'участвовали {count} человека',
  },
  'meetings.noneUpcomingHint': 'Объявленные заседания появятся здесь вместе с повесткой дня, а также в календаре.',
  'meetings.noneUpcomingAction': 'Запланировать заседание',
  'meetings.nonePastHint': 'Проведённые заседания появятся здесь с протоколом, решениями и коммюнике.',
  'meeting.contents': 'На этой странице',
  'meeting.noDocumentsYet': 'Документов пока нет.',
  'meeting.noDocumentsHint': 'Доклады и материалы ко всему заседанию появятся здесь, к пункту повестки — под пунктом.',
  'meeting.uploadDocument': 'Загрузить документ',
  'meeting.noDecisionsYet': 'Решений пока нет: они фиксируются после заседания.',
  'meeting.recordDecisions': 'Внести решения в протокол',
  'agenda.emptyHint': 'Повестка дня будет опубликована, когда секретариат её подготовит.',
  'agenda.addItems': 'Подготовить повестку дня',
  'news.noneHint': 'Коммюнике появится здесь, когда заседание пройдёт и секретариат его опубликует.',
  'tasks.noneHint': 'Поручения по решениям заседаний показываются здесь, пока они не выполнены.',
  'meeting.zone': '{city} — {name} ({offset})',
  'meeting.zone.Asia/Almaty': 'Алматы',
  'meeting.zone.Europe/Zurich': 'Женева, Цюрих',
  'meeting.zone.Europe/Moscow': 'Москва',
  'meeting.zone.Europe/Brussels': 'Брюссель',
  'meeting.zone.America/New_York': 'Нью-Йорк',
  'meeting.zone.UTC': 'Всемирное координированное время (UTC)',
};
