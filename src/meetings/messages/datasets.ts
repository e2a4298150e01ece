import type { Message } from '../../core/i18n/i18n.ts';

/* Meetings' open data (decision 0028): each dataset's title and description, and its own columns. */

export const datasetsEn = {
  'meetings.data.meetings': 'Meetings',
  'meetings.data.meetings.about':
    'Every meeting of the body announced to the public: when and where, in what format, and its status; cancelled meetings with their status too.',
  'meetings.data.agenda': 'Agenda items',
  'meetings.data.agenda.about':
    'The items of the public meetings’ agendas, in their order, with the time planned for each.',
  'meetings.data.minutes': 'Minutes',
  'meetings.data.minutes.about':
    'The approved minutes of the public meetings, one row per agenda item: summary, proposals heard, discussion and decisions.',
  'meetings.data.communiques': 'Communiqués (news)',
  'meetings.data.communiques.about': 'The communiqués published after the meetings, as the news page shows them.',
  'meetings.data.tasks': 'Tasks of the meetings',
  'meetings.data.tasks.about':
    'What the decisions of the public meetings asked organisations to do, by when, and whether it is done.',
  'meetings.data.col.number': 'The meeting’s number in the body’s series of meetings',
  'meetings.data.col.format': 'Format: a stable code (in_person, online, hybrid)',
  'meetings.data.col.formatLabel': 'Format, in the language of the file',
  'meetings.data.col.startsAt': 'When the meeting starts',
  'meetings.data.col.endsAt': 'When the meeting ends, if set',
  'meetings.data.col.timeZone': 'The time zone the meeting is held in (IANA name)',
  'meetings.data.col.venue': 'Where the meeting is held, in the language of the file',
  'meetings.data.col.plannedMinutes': 'Minutes planned for the item',
  'meetings.data.col.agendaItemId': 'The agenda item’s number (the id column of the agenda items dataset)',
  'meetings.data.col.itemPosition': 'The item’s place on the agenda',
  'meetings.data.col.itemTitle': 'The agenda item’s title, in the language of the file',
  'meetings.data.col.summary': 'Summary of the item, in the language of the file',
  'meetings.data.col.proposals': 'Proposals heard under the item, in the language of the file',
  'meetings.data.col.discussion': 'Discussion of the item, in the language of the file',
  'meetings.data.col.decisions': 'Decisions on the item, in the language of the file',
  'meetings.data.col.version': 'The version of the minutes that was approved',
  'meetings.data.col.publishedAt': 'When the communiqué was published',
  'meetings.data.col.decisionId': 'The number of the decision that set the task',
  'meetings.data.col.done': 'Whether the task is done',
  'meetings.data.col.doneAt': 'When the task was marked done',
};

export const datasetsRu: Record<keyof typeof datasetsEn, Message> = {
  'meetings.data.meetings': 'Заседания',
  'meetings.data.meetings.about':
    'Все заседания органа, объявленные публично: когда и где, в каком формате и в каком статусе; отменённые заседания — тоже, со статусом.',
  'meetings.data.agenda': 'Вопросы повестки',
  'meetings.data.agenda.about': 'Вопросы повесток открытых заседаний по порядку, с отведённым на каждый временем.',
  'meetings.data.minutes': 'Протоколы',
  'meetings.data.minutes.about':
    'Утверждённые протоколы открытых заседаний, по строке на вопрос повестки: краткое содержание, заслушанные предложения, обсуждение и решения.',
  'meetings.data.communiques': 'Коммюнике (новости)',
  'meetings.data.communiques.about': 'Коммюнике, опубликованные после заседаний, — как на странице новостей.',
  'meetings.data.tasks': 'Поручения заседаний',
  'meetings.data.tasks.about':
    'Что решения открытых заседаний поручили организациям, к какому сроку и выполнено ли это.',
  'meetings.data.col.number': 'Порядковый номер заседания органа',
  'meetings.data.col.format': 'Формат: неизменный код (in_person, online, hybrid)',
  'meetings.data.col.formatLabel': 'Формат на языке файла',
  'meetings.data.col.startsAt': 'Начало заседания',
  'meetings.data.col.endsAt': 'Окончание заседания, если указано',
  'meetings.data.col.timeZone': 'Часовой пояс места проведения (название IANA)',
  'meetings.data.col.venue': 'Место проведения на языке файла',
  'meetings.data.col.plannedMinutes': 'Сколько минут отведено на вопрос',
  'meetings.data.col.agendaItemId': 'Номер вопроса повестки (столбец id набора «Вопросы повестки»)',
  'meetings.data.col.itemPosition': 'Место вопроса в повестке',
  'meetings.data.col.itemTitle': 'Название вопроса повестки на языке файла',
  'meetings.data.col.summary': 'Краткое содержание по вопросу на языке файла',
  'meetings.data.col.proposals': 'Предложения, заслушанные по вопросу, на языке файла',
  'meetings.data.col.discussion': 'Обсуждение вопроса на языке файла',
  'meetings.data.col.decisions': 'Решения по вопросу на языке файла',
  'meetings.data.col.version': 'Утверждённая версия протокола',
  'meetings.data.col.publishedAt': 'Когда коммюнике опубликовано',
  'meetings.data.col.decisionId': 'Номер решения, которым дано поручение',
  'meetings.data.col.done': 'Выполнено ли поручение',
  'meetings.data.col.doneAt': 'Когда поручение отмечено выполненным',
};

export const datasetsKk: Record<keyof typeof datasetsEn, Message> = {
  'meetings.data.meetings': 'Отырыстар',
  'meetings.data.meetings.about':
    'Органның жария түрде жарияланған барлық отырысы: қашан және қай жерде, қандай форматта өтетіні және мәртебесі; тоқтатылған отырыстар да мәртебесімен бірге.',
  'meetings.data.agenda': 'Күн тәртібінің мәселелері',
  'meetings.data.agenda.about':
    'Ашық отырыстардың күн тәртібіндегі мәселелер реті бойынша, әрқайсысына бөлінген уақытымен.',
  'meetings.data.minutes': 'Хаттамалар',
  'meetings.data.minutes.about':
    'Ашық отырыстардың бекітілген хаттамалары, күн тәртібінің әр мәселесіне бір жолдан: қысқаша мазмұны, тыңдалған ұсыныстар, талқылау және шешімдер.',
  'meetings.data.communiques': 'Коммюникелер (жаңалықтар)',
  'meetings.data.communiques.about': 'Отырыстардан кейін жарияланған коммюникелер — жаңалықтар бетіндегідей.',
  'meetings.data.tasks': 'Отырыс тапсырмалары',
  'meetings.data.tasks.about':
    'Ашық отырыстардың шешімдері ұйымдарға не тапсырғаны, қай мерзімге дейін және оның орындалғаны.',
  'meetings.data.col.number': 'Органның отырыстар қатарындағы реттік нөмірі',
  'meetings.data.col.format': 'Форматы: тұрақты код (in_person, online, hybrid)',
  'meetings.data.col.formatLabel': 'Форматы, файлдың тілінде',
  'meetings.data.col.startsAt': 'Отырыстың басталу уақыты',
  'meetings.data.col.endsAt': 'Отырыстың аяқталу уақыты, егер көрсетілсе',
  'meetings.data.col.timeZone': 'Отырыс өтетін жердің уақыт белдеуі (IANA атауы)',
  'meetings.data.col.venue': 'Өтетін орны, файлдың тілінде',
  'meetings.data.col.plannedMinutes': 'Мәселеге бөлінген минуттар саны',
  'meetings.data.col.agendaItemId':
    'Күн тәртібі мәселесінің нөмірі («Күн тәртібінің мәселелері» жиынтығының id бағаны)',
  'meetings.data.col.itemPosition': 'Мәселенің күн тәртібіндегі орны',
  'meetings.data.col.itemTitle': 'Күн тәртібі мәселесінің атауы, файлдың тілінде',
  'meetings.data.col.summary': 'Мәселе бойынша қысқаша мазмұн, файлдың тілінде',
  'meetings.data.col.proposals': 'Мәселе бойынша тыңдалған ұсыныстар, файлдың тілінде',
  'meetings.data.col.discussion': 'Мәселенің талқылануы, файлдың тілінде',
  'meetings.data.col.decisions': 'Мәселе бойынша шешімдер, файлдың тілінде',
  'meetings.data.col.version': 'Хаттаманың бекітілген нұсқасы',
  'meetings.data.col.publishedAt': 'Коммюникенің жарияланған уақыты',
  'meetings.data.col.decisionId': 'Тапсырманы берген шешімнің нөмірі',
  'meetings.data.col.done': 'Тапсырма орындалды ма',
  'meetings.data.col.doneAt': 'Тапсырманың орындалды деп белгіленген уақыты',
};
