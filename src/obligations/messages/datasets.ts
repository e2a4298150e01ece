import type { Message } from '../../core/i18n/i18n.ts';

/* Obligations' open data (decision 0028): each dataset's title and description, and its own columns. */

export const datasetsEn = {
  'obligations.data.cycles': 'Reporting cycles',
  'obligations.data.cycles.about':
    'The state’s reporting cycles to the international human rights mechanisms (treaty bodies, the Universal Periodic Review, special procedures).',
  'obligations.data.stages': 'Stages of reporting cycles',
  'obligations.data.stages.about':
    'The stages of each reporting cycle — reports due and submitted, dialogue, concluding observations, follow-up — with their dates.',
  'obligations.data.recommendations': 'Recommendations',
  'obligations.data.recommendations.about':
    'The recommendations the international mechanisms made to the state, the state’s response and how far each is implemented.',
  'obligations.data.actions': 'Implementation actions',
  'obligations.data.actions.about':
    'The actions planned to implement the recommendations: what, by whom, by when, and their status.',
  'obligations.data.progress': 'Progress reports',
  'obligations.data.progress.about': 'What was reported done on each implementation action, by whom and when.',
  'obligations.data.assessments': 'Assessments of implementation',
  'obligations.data.assessments.about':
    'How the state, civil society and the national human rights institution each assess the implementation of a recommendation.',
  'obligations.data.col.mechanism': 'The mechanism: a stable code (e.g. UPR, CCPR, CEDAW)',
  'obligations.data.col.mechanismName': 'The mechanism’s name, in the language of the file',
  'obligations.data.col.stateCode': 'The state under review: ISO 3166-1 alpha-2 code',
  'obligations.data.col.cycleNumber': 'The cycle’s number in the mechanism’s series, if any',
  'obligations.data.col.stage': 'Stage: a stable code',
  'obligations.data.col.stageLabel': 'Stage, in the language of the file',
  'obligations.data.col.dueOn': 'When the stage is due',
  'obligations.data.col.doneOn': 'When the stage was done',
  'obligations.data.col.endsOn': 'When the stage ends, for a stage that lasts',
  'obligations.data.col.note': 'Note, in the language of the file',
  'obligations.data.col.symbol': 'The UN document symbol the recommendation comes from',
  'obligations.data.col.paragraph': 'The paragraph of that document',
  'obligations.data.col.adoptedOn': 'When the recommendation was adopted',
  'obligations.data.col.session': 'The session of the mechanism',
  'obligations.data.col.recommendingState': 'The recommending state (Universal Periodic Review)',
  'obligations.data.col.response':
    'The state’s response: a stable code (supported, noted, not_applicable); empty if none',
  'obligations.data.col.responseLabel': 'The state’s response, in the language of the file',
  'obligations.data.col.level':
    'Implementation: a stable code (not_assessed, not_started, in_progress, partly_implemented, implemented, not_applicable)',
  'obligations.data.col.levelLabel': 'Implementation, in the language of the file',
  'obligations.data.col.priority': 'Whether the body marked the recommendation a priority',
  'obligations.data.col.sdgTargets': 'The Sustainable Development Goals’ targets it relates to, separated by “; ”',
  'obligations.data.col.clusterId': 'The number of the cluster of recommendations the action serves, if any',
  'obligations.data.col.responsible': 'The responsible organisation, in the language of the file',
  'obligations.data.col.indicator': 'The indicator of success, in the language of the file',
  'obligations.data.col.reportedOn': 'The date the progress is reported for',
  'obligations.data.col.links': 'Links to evidence, separated by “; ”',
  'obligations.data.col.createdAt': 'When the report was written in Kenes',
  'obligations.data.col.side': 'Who assesses: a stable code (state, civil_society, nhri)',
  'obligations.data.col.sideLabel': 'Who assesses, in the language of the file',
  'obligations.data.col.assessedOn': 'The date of the assessment',
};

export const datasetsRu: Record<keyof typeof datasetsEn, Message> = {
  'obligations.data.cycles': 'Циклы отчётности',
  'obligations.data.cycles.about':
    'Циклы отчётности государства перед международными механизмами по правам человека (договорные органы, Универсальный периодический обзор, специальные процедуры).',
  'obligations.data.stages': 'Этапы циклов отчётности',
  'obligations.data.stages.about':
    'Этапы каждого цикла — сроки и представление докладов, диалог, заключительные замечания, последующие действия — с датами.',
  'obligations.data.recommendations': 'Рекомендации',
  'obligations.data.recommendations.about':
    'Рекомендации международных механизмов государству, ответ государства и степень выполнения каждой.',
  'obligations.data.actions': 'Меры по выполнению',
  'obligations.data.actions.about':
    'Меры, запланированные для выполнения рекомендаций: что, кем, к какому сроку и их статус.',
  'obligations.data.progress': 'Отчёты о ходе выполнения',
  'obligations.data.progress.about': 'Что сообщено о выполнении каждой меры, кем и когда.',
  'obligations.data.assessments': 'Оценки выполнения',
  'obligations.data.assessments.about':
    'Как государство, гражданское общество и национальное правозащитное учреждение каждое оценивают выполнение рекомендации.',
  'obligations.data.col.mechanism': 'Механизм: неизменный код (например, UPR, CCPR, CEDAW)',
  'obligations.data.col.mechanismName': 'Название механизма на языке файла',
  'obligations.data.col.stateCode': 'Рассматриваемое государство: код ISO 3166-1 alpha-2',
  'obligations.data.col.cycleNumber': 'Номер цикла в ряду механизма, если есть',
  'obligations.data.col.stage': 'Этап: неизменный код',
  'obligations.data.col.stageLabel': 'Этап на языке файла',
  'obligations.data.col.dueOn': 'Срок этапа',
  'obligations.data.col.doneOn': 'Когда этап пройден',
  'obligations.data.col.endsOn': 'Когда этап заканчивается, если он длится',
  'obligations.data.col.note': 'Примечание на языке файла',
  'obligations.data.col.symbol': 'Условное обозначение документа ООН, из которого рекомендация',
  'obligations.data.col.paragraph': 'Пункт этого документа',
  'obligations.data.col.adoptedOn': 'Когда рекомендация принята',
  'obligations.data.col.session': 'Сессия механизма',
  'obligations.data.col.recommendingState': 'Государство, давшее рекомендацию (Универсальный периодический обзор)',
  'obligations.data.col.response':
    'Ответ государства: неизменный код (supported, noted, not_applicable); пусто, если ответа нет',
  'obligations.data.col.responseLabel': 'Ответ государства на языке файла',
  'obligations.data.col.level':
    'Выполнение: неизменный код (not_assessed, not_started, in_progress, partly_implemented, implemented, not_applicable)',
  'obligations.data.col.levelLabel': 'Выполнение на языке файла',
  'obligations.data.col.priority': 'Отмечена ли рекомендация органом как приоритетная',
  'obligations.data.col.sdgTargets': 'Задачи Целей устойчивого развития, к которым она относится, через «; »',
  'obligations.data.col.clusterId': 'Номер группы рекомендаций, которой служит мера, если есть',
  'obligations.data.col.responsible': 'Ответственная организация на языке файла',
  'obligations.data.col.indicator': 'Показатель успеха на языке файла',
  'obligations.data.col.reportedOn': 'Дата, на которую сообщается о ходе выполнения',
  'obligations.data.col.links': 'Ссылки на подтверждения через «; »',
  'obligations.data.col.createdAt': 'Когда отчёт внесён в Kenes',
  'obligations.data.col.side': 'Кто оценивает: неизменный код (state, civil_society, nhri)',
  'obligations.data.col.sideLabel': 'Кто оценивает, на языке файла',
  'obligations.data.col.assessedOn': 'Дата оценки',
};

export const datasetsKk: Record<keyof typeof datasetsEn, Message> = {
  'obligations.data.cycles': 'Есеп беру циклдері',
  'obligations.data.cycles.about':
    'Мемлекеттің адам құқықтары жөніндегі халықаралық механизмдер (шарттық органдар, Жалпыға бірдей мерзімдік шолу, арнаулы рәсімдер) алдындағы есеп беру циклдері.',
  'obligations.data.stages': 'Есеп беру циклдерінің кезеңдері',
  'obligations.data.stages.about':
    'Әр циклдің кезеңдері — баяндамалардың мерзімі мен ұсынылуы, диалог, қорытынды ескертулер, кейінгі іс-қимылдар — күндерімен.',
  'obligations.data.recommendations': 'Ұсынымдар',
  'obligations.data.recommendations.about':
    'Халықаралық механизмдердің мемлекетке берген ұсынымдары, мемлекеттің жауабы және әрқайсысының орындалу деңгейі.',
  'obligations.data.actions': 'Орындау шаралары',
  'obligations.data.actions.about':
    'Ұсынымдарды орындау үшін жоспарланған шаралар: не істеледі, кім жауапты, қай мерзімге дейін және мәртебесі.',
  'obligations.data.progress': 'Орындалу барысы туралы есептер',
  'obligations.data.progress.about': 'Әр шараның орындалуы туралы не хабарланды, кім және қашан хабарлады.',
  'obligations.data.assessments': 'Орындалуды бағалау',
  'obligations.data.assessments.about':
    'Мемлекет, азаматтық қоғам және адам құқықтары жөніндегі ұлттық институт ұсынымның орындалуын әрқайсысы қалай бағалайды.',
  'obligations.data.col.mechanism': 'Механизм: тұрақты код (мысалы, UPR, CCPR, CEDAW)',
  'obligations.data.col.mechanismName': 'Механизмнің атауы, файлдың тілінде',
  'obligations.data.col.stateCode': 'Қаралатын мемлекет: ISO 3166-1 alpha-2 коды',
  'obligations.data.col.cycleNumber': 'Циклдің механизм қатарындағы нөмірі, егер болса',
  'obligations.data.col.stage': 'Кезең: тұрақты код',
  'obligations.data.col.stageLabel': 'Кезең, файлдың тілінде',
  'obligations.data.col.dueOn': 'Кезеңнің мерзімі',
  'obligations.data.col.doneOn': 'Кезеңнің өткен күні',
  'obligations.data.col.endsOn': 'Ұзаққа созылатын кезеңнің аяқталатын күні',
  'obligations.data.col.note': 'Ескерту, файлдың тілінде',
  'obligations.data.col.symbol': 'Ұсыным алынған БҰҰ құжатының таңбасы',
  'obligations.data.col.paragraph': 'Сол құжаттың тармағы',
  'obligations.data.col.adoptedOn': 'Ұсынымның қабылданған күні',
  'obligations.data.col.session': 'Механизмнің сессиясы',
  'obligations.data.col.recommendingState': 'Ұсынымды берген мемлекет (Жалпыға бірдей мерзімдік шолу)',
  'obligations.data.col.response':
    'Мемлекеттің жауабы: тұрақты код (supported, noted, not_applicable); жауап болмаса, бос',
  'obligations.data.col.responseLabel': 'Мемлекеттің жауабы, файлдың тілінде',
  'obligations.data.col.level':
    'Орындалуы: тұрақты код (not_assessed, not_started, in_progress, partly_implemented, implemented, not_applicable)',
  'obligations.data.col.levelLabel': 'Орындалуы, файлдың тілінде',
  'obligations.data.col.priority': 'Орган ұсынымды басым деп белгіледі ме',
  'obligations.data.col.sdgTargets': 'Ұсыным қатысты Тұрақты даму мақсаттарының міндеттері, «; » арқылы',
  'obligations.data.col.clusterId': 'Шара қызмет ететін ұсынымдар тобының нөмірі, егер болса',
  'obligations.data.col.responsible': 'Жауапты ұйым, файлдың тілінде',
  'obligations.data.col.indicator': 'Табыс көрсеткіші, файлдың тілінде',
  'obligations.data.col.reportedOn': 'Орындалу барысы хабарланған күн',
  'obligations.data.col.links': 'Дәлелдерге сілтемелер, «; » арқылы',
  'obligations.data.col.createdAt': 'Есептің Kenes-ке енгізілген уақыты',
  'obligations.data.col.side': 'Кім бағалайды: тұрақты код (state, civil_society, nhri)',
  'obligations.data.col.sideLabel': 'Кім бағалайды, файлдың тілінде',
  'obligations.data.col.assessedOn': 'Бағалау күні',
};
