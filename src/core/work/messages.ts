import type { Catalogue, Message } from '../i18n/i18n.ts';

/* The texts of "My work" (issue 13), in kk, ru and en; src/domains.ts registers them. The kinds of
   work are named here, beside the list that shows them, so the three domains share one vocabulary. */

const en = {
  'work.title': 'My work',
  'work.nav': 'My work ({count})',
  'work.navNone': 'My work',
  'work.none': 'Nothing waits for you now.',
  'work.noneHint':
    'Proposals to answer, minutes to approve or correct, tasks and actions due will appear here as soon as someone asks you to act; you are also notified.',
  'work.count': { one: '{count} thing waits for you.', other: '{count} things wait for you.' },
  'work.overdueCount': { one: '{count} is overdue.', other: '{count} are overdue.' },
  'work.overdue': 'Overdue',
  'work.deadline': 'due',
  'work.kind.answerProposal': 'Answer the proposal',
  'work.kind.registerProposal': 'Register the submitted proposal',
  'work.kind.reviewCorrections': 'Review corrections to the minutes',
  'work.kind.approveMinutes': 'Approve the minutes',
  'work.kind.readMinutes': 'Read the circulated minutes and propose corrections',
  'work.kind.task': 'Task of a meeting due',
  'work.kind.action': 'Implementation action due',
  'work.kind.cycleStage': 'Reporting cycle deadline',
};

const ru: Record<keyof typeof en, Message> = {
  'work.title': 'Мои задачи',
  'work.nav': 'Мои задачи ({count})',
  'work.navNone': 'Мои задачи',
  'work.none': 'Сейчас от вас ничего не ждут.',
  'work.noneHint':
    'Здесь появятся предложения, на которые нужно ответить, протоколы для утверждения или замечаний, поручения и мероприятия со сроками — как только от вас потребуется действие; вы также получите уведомление.',
  'work.count': {
    one: 'Вас ждёт {count} дело.',
    few: 'Вас ждут {count} дела.',
    many: 'Вас ждут {count} дел.',
    other: 'Вас ждут {count} дела.',
  },
  'work.overdueCount': 'Просрочено: {count}.',
  'work.overdue': 'Просрочено',
  'work.deadline': 'срок',
  'work.kind.answerProposal': 'Ответить на предложение',
  'work.kind.registerProposal': 'Зарегистрировать поданное предложение',
  'work.kind.reviewCorrections': 'Рассмотреть замечания к протоколу',
  'work.kind.approveMinutes': 'Утвердить протокол',
  'work.kind.readMinutes': 'Прочитать разосланный протокол и внести замечания',
  'work.kind.task': 'Поручение заседания',
  'work.kind.action': 'Мероприятие по выполнению',
  'work.kind.cycleStage': 'Срок отчётного цикла',
};

const kk: Record<keyof typeof en, Message> = {
  'work.title': 'Менің істерім',
  'work.nav': 'Менің істерім ({count})',
  'work.navNone': 'Менің істерім',
  'work.none': 'Қазір сізден ештеңе күтілмейді.',
  'work.noneHint':
    'Жауап беру керек ұсыныстар, бекітуге немесе ескертуге арналған хаттамалар, мерзімі бар тапсырмалар мен іс-шаралар сізден әрекет талап етілген бойда осында шығады; сізге хабарлама да келеді.',
  'work.count': 'Сізді {count} іс күтіп тұр.',
  'work.overdueCount': 'Мерзімі өткені: {count}.',
  'work.overdue': 'Мерзімі өтті',
  'work.deadline': 'мерзімі',
  'work.kind.answerProposal': 'Ұсынысқа жауап беру',
  'work.kind.registerProposal': 'Берілген ұсынысты тіркеу',
  'work.kind.reviewCorrections': 'Хаттамаға ескертулерді қарау',
  'work.kind.approveMinutes': 'Хаттаманы бекіту',
  'work.kind.readMinutes': 'Таратылған хаттаманы оқып, ескертулер енгізу',
  'work.kind.task': 'Отырыс тапсырмасы',
  'work.kind.action': 'Орындау жөніндегі іс-шара',
  'work.kind.cycleStage': 'Есеп беру циклінің мерзімі',
};

export const workMessages = { kk, ru, en } satisfies Catalogue;
