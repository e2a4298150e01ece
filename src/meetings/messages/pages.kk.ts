import type { Message } from '../../core/i18n/i18n.ts';
import type { pagesEn } from './pages.en.ts';

export const pagesKk: Record<keyof typeof pagesEn, Message> = {
  'meetings.invitedCount': '{count} ұйым шақырылды',
  'meetings.attendedCount': '{count} адам қатысты',
  'meetings.noneUpcomingHint': 'Жарияланған отырыстар осында күн тәртібімен бірге және күнтізбе арнасында шығады.',
  'meetings.noneUpcomingAction': 'Отырысты жоспарлау',
  'meetings.nonePastHint': 'Өткізілген отырыстар осында хаттамасымен, шешімдерімен және коммюникесімен бірге шығады.',
  'meeting.contents': 'Осы бетте',
  'meeting.noDocumentsYet': 'Әзірге құжаттар жоқ.',
  'meeting.noDocumentsHint':
    'Бүкіл отырысқа арналған баяндамалар мен материалдар осында, күн тәртібі тармағына арналғандары тармақтың астында шығады.',
  'meeting.uploadDocument': 'Құжат жүктеу',
  'meeting.noDecisionsYet': 'Әзірге шешімдер жоқ: олар отырыстан кейін тіркеледі.',
  'meeting.recordDecisions': 'Шешімдерді хаттамаға енгізу',
  'agenda.emptyHint': 'Хатшылық күн тәртібін әзірлегенде ол жарияланады.',
  'agenda.addItems': 'Күн тәртібін әзірлеу',
  'news.noneHint': 'Отырыс өткізіліп, хатшылық коммюникені жариялағанда, ол осында шығады.',
  'tasks.noneHint': 'Отырыс шешімдерімен берілген тапсырмалар орындалғанға дейін осында тұрады.',
  'meeting.zone': '{city} — {name} ({offset})',
  'meeting.zone.Asia/Almaty': 'Алматы',
  'meeting.zone.Europe/Zurich': 'Женева, Цюрих',
  'meeting.zone.Europe/Moscow': 'Мәскеу',
  'meeting.zone.Europe/Brussels': 'Брюссель',
  'meeting.zone.America/New_York': 'Нью-Йорк',
  'meeting.zone.UTC': 'Дүниежүзілік үйлестірілген уақыт (UTC)',
};
