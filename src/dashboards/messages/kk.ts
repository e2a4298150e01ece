import type { dashboardsEn } from './en.ts';

/** Kazakh texts of the dashboards. */
export const dashboardsKk: Record<keyof typeof dashboardsEn, string> = {
  'dashboards.title': 'Көрсеткіштер',
  'dashboards.intro':
    'Платформаның ашық деректері сандармен: ұсыныстар мен мемлекеттік органдардың жауаптары, халықаралық ұсынымдар және олардың орындалуы, баяндамалардың мерзімдері және отырыстарға қатысу. Әр диаграмманың жанында оның деректерінің кестесі бар; диаграмманы да, деректерді де жүктеп алуға болады.',
  'dashboards.proposals': 'Ұсыныстар',
  'dashboards.recommendations': 'Ұсынымдар',
  'dashboards.reporting': 'Баяндамалар мен отырыстар',
  'dashboards.count': 'Саны',
  'dashboards.allDashboards': 'Барлық көрсеткіштер',

  'dashboards.unit.proposals': 'ұсыныстар',
  'dashboards.unit.answers': 'жауаптар',
  'dashboards.unit.days': 'күндер',
  'dashboards.unit.recommendations': 'ұсынымдар',
  'dashboards.unit.deadlines': 'мерзімдер',
  'dashboards.unit.people': 'қатысушылар',

  'dashboards.status': 'Мәртебесі',
  'dashboards.month': 'Ай',
  'dashboards.body': 'Мемлекеттік орган',
  'dashboards.quarter': 'Тоқсан',
  'dashboards.year': 'Жыл',
  'dashboards.quarterLabel': '{year} ж. {quarter}-тоқсан',
  'dashboards.otherBodies': 'Басқа органдар',
  'dashboards.overTime.title': 'Мемлекеттік органдарға ұсыныстар кезеңдер бойынша',
  'dashboards.overTime.description':
    'Әр мемлекеттік органға жолданған ашық ұсыныстар, жіберілген уақыты бойынша. Ең көп ұсыныс жолданған органдар аталған, қалғандары бірге есептелген; екі органға жолданған ұсыныс әрқайсысында есептеледі.',
  'dashboards.answer': 'Жауап',
  'dashboards.mechanism': 'Тетік',
  'dashboards.theme': 'Тақырып',
  'dashboards.goal': 'Мақсат',
  'dashboards.goalLabel': '{number}-мақсат: {name}',
  'dashboards.level': 'Орындалу деңгейі',
  'dashboards.comparison': 'Салыстыру',
  'dashboards.outcome': 'Нәтижесі',
  'dashboards.category': 'Ұйым санаты',

  'dashboards.byStatus.title': 'Ашық ұсыныстар мәртебелері бойынша',
  'dashboards.byStatus.description': 'Қазір әр мәртебеде қанша ашық ұсыныс бар.',
  'dashboards.byMonth.title': 'Айлар бойынша жіберілген ұсыныстар',
  'dashboards.byMonth.description':
    'Ашық ұсыныстар жіберілген айы бойынша және олардың қаншасына кемінде бір жауап келгені.',
  'dashboards.submitted': 'Жіберілді',
  'dashboards.answered': 'Жауап алынды',
  'dashboards.byBody.title': 'Мемлекеттік органдарға жолданған ұсыныстар',
  'dashboards.byBody.description':
    'Әр мемлекеттік органға қанша ашық ұсыныс жолданды, олардың қаншасына жауап берді және қаншасын қабылдады.',
  'dashboards.addressed': 'Жолданды',
  'dashboards.accepted': 'Қабылданды',
  'dashboards.answerDays.title': 'Мемлекеттік органдардың жауап беру мерзімі',
  'dashboards.answerDays.description':
    'Ұсыныс жіберілгеннен жауапқа дейінгі күндер: медиана және 90-процентиль (он жауаптың тоғызы одан ертерек берілді).',
  'dashboards.median': 'Медиана',
  'dashboards.p90': '90-процентиль',
  'dashboards.answers.title': 'Мемлекеттік органдардың жауаптары',
  'dashboards.answers.description': 'Қабылданғандардың үлесі: {share} (барлық жауап саны: {count}).',
  'dashboards.byMechanism.title': 'Тетіктер бойынша ұсынымдар',
  'dashboards.byMechanism.description':
    'Шарттық органдардың, Әмбебап мерзімдік шолудың және арнайы рәсімдердің ұсынымдары.',
  'dashboards.byTheme.title': 'Тақырыптар бойынша ұсынымдар',
  'dashboards.byTheme.description': 'Ұсынымдар тақырыптары бойынша (бір ұсынымның бірнеше тақырыбы болуы мүмкін).',
  'dashboards.bySdg.title': 'Тұрақты даму мақсаттары бойынша ұсынымдар',
  'dashboards.bySdg.description':
    'Әр мақсаттың міндеттерімен байланысты ұсынымдар (бір ұсыным бірнеше мақсатқа қатысты болуы мүмкін).',
  'dashboards.byLevel.title': 'Ұсынымдардың орындалуы',
  'dashboards.byLevel.description': 'Ұсынымдар орындалуының соңғы бағасы бойынша.',
  'dashboards.assessments.title': 'Мемлекет пен азаматтық қоғамның бағалары қай жерде алшақ',
  'dashboards.assessments.description':
    'Мемлекеттік орган да, азаматтық қоғам да бағалаған ұсынымдар: олардың соңғы бағаларын салыстыру.',
  'dashboards.comparison.same': 'Бағалар бірдей',
  'dashboards.comparison.state_higher': 'Мемлекет ілгерілеуді көбірек көреді',
  'dashboards.comparison.civil_society_higher': 'Азаматтық қоғам ілгерілеуді көбірек көреді',
  'dashboards.comparison.not_comparable': '«Қолданылмайды» тек бір тарапта',
  'dashboards.deadlines.title': 'Баяндамалар мерзімдері: сақталды ма, кешікті ме',
  'dashboards.deadlines.description':
    'Халықаралық тетіктерге баяндамалар мен кейінгі шаралар туралы ақпаратты ұсыну мерзімдері.',
  'dashboards.outcome.on_time': 'Мерзімінде ұсынылды',
  'dashboards.outcome.late': 'Кешігіп ұсынылды',
  'dashboards.outcome.overdue': 'Мерзімі өтті, ұсынылмады',
  'dashboards.outcome.upcoming': 'Мерзімі әлі келген жоқ',
  'dashboards.attendance.title': 'Отырыстарға қатысу ұйым санаттары бойынша',
  'dashboards.attendance.description':
    'Қатысу туралы мәліметтері ашық отырыстарға қатысқандар мен қатыспағандар, ұйымының санаты бойынша (отырыстар саны: {count}).',
  'dashboards.attended': 'Қатысты',
  'dashboards.absent': 'Қатыспады',
};
