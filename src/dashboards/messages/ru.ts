import type { dashboardsEn } from './en.ts';

/** Russian texts of the dashboards. */
export const dashboardsRu: Record<keyof typeof dashboardsEn, string> = {
  'dashboards.title': 'Показатели',
  'dashboards.intro':
    'Открытые данные платформы в цифрах: предложения и ответы государственных органов, международные рекомендации и их выполнение, сроки докладов и участие в заседаниях. Рядом с каждой диаграммой — таблица её данных; и диаграмму, и данные можно скачать.',
  'dashboards.proposals': 'Предложения',
  'dashboards.recommendations': 'Рекомендации',
  'dashboards.reporting': 'Доклады и заседания',
  'dashboards.count': 'Количество',
  'dashboards.allDashboards': 'Все показатели',

  'dashboards.unit.proposals': 'предложения',
  'dashboards.unit.answers': 'ответы',
  'dashboards.unit.days': 'дни',
  'dashboards.unit.recommendations': 'рекомендации',
  'dashboards.unit.deadlines': 'сроки',
  'dashboards.unit.people': 'участники',

  'dashboards.status': 'Статус',
  'dashboards.month': 'Месяц',
  'dashboards.body': 'Государственный орган',
  'dashboards.quarter': 'Квартал',
  'dashboards.year': 'Год',
  'dashboards.quarterLabel': '{quarter} квартал {year}',
  'dashboards.otherBodies': 'Другие органы',
  'dashboards.overTime.title': 'Предложения государственным органам по периодам',
  'dashboards.overTime.description':
    'Открытые предложения, адресованные каждому государственному органу, по времени подачи. Органы, которым адресовано больше всего, названы, остальные сложены вместе; предложение двум органам учитывается у каждого.',
  'dashboards.answer': 'Ответ',
  'dashboards.mechanism': 'Механизм',
  'dashboards.theme': 'Тема',
  'dashboards.goal': 'Цель',
  'dashboards.goalLabel': 'Цель {number}: {name}',
  'dashboards.level': 'Статус выполнения',
  'dashboards.comparison': 'Сравнение',
  'dashboards.outcome': 'Итог',
  'dashboards.category': 'Категория организации',

  'dashboards.byStatus.title': 'Открытые предложения по статусам',
  'dashboards.byStatus.description': 'Сколько открытых предложений находится в каждом статусе сейчас.',
  'dashboards.byMonth.title': 'Предложения, поданные по месяцам',
  'dashboards.byMonth.description':
    'Открытые предложения по месяцу подачи и сколько из них получили хотя бы один ответ.',
  'dashboards.submitted': 'Подано',
  'dashboards.answered': 'Получен ответ',
  'dashboards.byBody.title': 'Предложения, адресованные государственным органам',
  'dashboards.byBody.description':
    'Сколько открытых предложений адресовано каждому государственному органу, на сколько из них он ответил и сколько принял.',
  'dashboards.addressed': 'Адресовано',
  'dashboards.accepted': 'Принято',
  'dashboards.answerDays.title': 'Срок ответа по государственным органам',
  'dashboards.answerDays.description':
    'Дни от подачи предложения до ответа: медиана и 90-й процентиль (девять ответов из десяти даны быстрее).',
  'dashboards.median': 'Медиана',
  'dashboards.p90': '90-й процентиль',
  'dashboards.answers.title': 'Ответы государственных органов',
  'dashboards.answers.description': 'Доля принятых: {share} (всего ответов: {count}).',
  'dashboards.byMechanism.title': 'Рекомендации по механизмам',
  'dashboards.byMechanism.description':
    'Рекомендации договорных органов, Универсального периодического обзора и специальных процедур.',
  'dashboards.byTheme.title': 'Рекомендации по темам',
  'dashboards.byTheme.description': 'Рекомендации по темам (у рекомендации может быть несколько тем).',
  'dashboards.bySdg.title': 'Рекомендации по Целям устойчивого развития',
  'dashboards.bySdg.description':
    'Рекомендации, связанные с задачами каждой цели (рекомендация может относиться к нескольким целям).',
  'dashboards.byLevel.title': 'Выполнение рекомендаций',
  'dashboards.byLevel.description': 'Рекомендации по последней оценке их выполнения.',
  'dashboards.assessments.title': 'Где оценки государства и гражданского общества расходятся',
  'dashboards.assessments.description':
    'Рекомендации, которые оценили и государственный орган, и гражданское общество: сравнение их последних оценок.',
  'dashboards.comparison.same': 'Оценки совпадают',
  'dashboards.comparison.state_higher': 'Государство видит больший прогресс',
  'dashboards.comparison.civil_society_higher': 'Гражданское общество видит больший прогресс',
  'dashboards.comparison.not_comparable': '«Неприменимо» только у одной стороны',
  'dashboards.deadlines.title': 'Сроки докладов: соблюдены или нарушены',
  'dashboards.deadlines.description':
    'Сроки представления докладов и информации о последующих мерах международным механизмам.',
  'dashboards.outcome.on_time': 'Представлено в срок',
  'dashboards.outcome.late': 'Представлено с опозданием',
  'dashboards.outcome.overdue': 'Срок прошёл, не представлено',
  'dashboards.outcome.upcoming': 'Срок ещё не наступил',
  'dashboards.attendance.title': 'Участие в заседаниях по категориям организаций',
  'dashboards.attendance.description':
    'Присутствовавшие и отсутствовавшие по категории их организации на заседаниях, сведения об участии в которых открыты (заседаний: {count}).',
  'dashboards.attended': 'Присутствовали',
  'dashboards.absent': 'Отсутствовали',
};
